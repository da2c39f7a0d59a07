using Google.Protobuf.Reflection;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using Environment = RelayMesos.Mesos.V1.Environment;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Mesos.Tests.Protos;

/// <summary>
/// Pins the wire contract: every row was read off apache/mesos include/mesos/v1/mesos.proto and
/// include/mesos/v1/scheduler/scheduler.proto. A renumbered, renamed, retyped or relabelled field
/// would silently break interop with a real master, so it must break this test instead.
/// </summary>
public sealed class ProtoNumberingTests
{
    private static readonly TypeRegistry Registry =
        TypeRegistry.FromFiles(MesosReflection.Descriptor, SchedulerReflection.Descriptor);

    // message, field, number, label (req/opt/rep), type (proto scalar name or message/enum full name).
    private static readonly (string Message, string Field, int Number, string Label, string Type)[] Fields =
    [
        ("mesos.v1.FrameworkID", "value", 1, "req", "string"),
        ("mesos.v1.OfferID", "value", 1, "req", "string"),
        ("mesos.v1.AgentID", "value", 1, "req", "string"),
        ("mesos.v1.TaskID", "value", 1, "req", "string"),
        ("mesos.v1.ExecutorID", "value", 1, "req", "string"),
        ("mesos.v1.ContainerID", "value", 1, "req", "string"),
        ("mesos.v1.ContainerID", "parent", 2, "opt", "mesos.v1.ContainerID"),
        ("mesos.v1.TimeInfo", "nanoseconds", 1, "req", "int64"),
        ("mesos.v1.DurationInfo", "nanoseconds", 1, "req", "int64"),
        ("mesos.v1.Address", "hostname", 1, "opt", "string"),
        ("mesos.v1.Address", "ip", 2, "opt", "string"),
        ("mesos.v1.Address", "port", 3, "req", "int32"),
        ("mesos.v1.URL", "scheme", 1, "req", "string"),
        ("mesos.v1.URL", "address", 2, "req", "mesos.v1.Address"),
        ("mesos.v1.URL", "path", 3, "opt", "string"),
        ("mesos.v1.URL", "query", 4, "rep", "mesos.v1.Parameter"),
        ("mesos.v1.URL", "fragment", 5, "opt", "string"),
        ("mesos.v1.FrameworkInfo", "user", 1, "req", "string"),
        ("mesos.v1.FrameworkInfo", "name", 2, "req", "string"),
        ("mesos.v1.FrameworkInfo", "id", 3, "opt", "mesos.v1.FrameworkID"),
        ("mesos.v1.FrameworkInfo", "failover_timeout", 4, "opt", "double"),
        ("mesos.v1.FrameworkInfo", "checkpoint", 5, "opt", "bool"),
        ("mesos.v1.FrameworkInfo", "role", 6, "opt", "string"),
        ("mesos.v1.FrameworkInfo", "roles", 12, "rep", "string"),
        ("mesos.v1.FrameworkInfo", "hostname", 7, "opt", "string"),
        ("mesos.v1.FrameworkInfo", "principal", 8, "opt", "string"),
        ("mesos.v1.FrameworkInfo", "webui_url", 9, "opt", "string"),
        ("mesos.v1.FrameworkInfo", "capabilities", 10, "rep", "mesos.v1.FrameworkInfo.Capability"),
        ("mesos.v1.FrameworkInfo", "labels", 11, "opt", "mesos.v1.Labels"),
        ("mesos.v1.FrameworkInfo.Capability", "type", 1, "opt", "mesos.v1.FrameworkInfo.Capability.Type"),
        ("mesos.v1.MasterInfo", "id", 1, "req", "string"),
        ("mesos.v1.MasterInfo", "ip", 2, "req", "uint32"),
        ("mesos.v1.MasterInfo", "port", 3, "req", "uint32"),
        ("mesos.v1.MasterInfo", "pid", 4, "opt", "string"),
        ("mesos.v1.MasterInfo", "hostname", 5, "opt", "string"),
        ("mesos.v1.MasterInfo", "version", 6, "opt", "string"),
        ("mesos.v1.MasterInfo", "address", 7, "opt", "mesos.v1.Address"),
        ("mesos.v1.MasterInfo", "domain", 8, "opt", "mesos.v1.DomainInfo"),
        ("mesos.v1.MasterInfo", "capabilities", 9, "rep", "mesos.v1.MasterInfo.Capability"),
        ("mesos.v1.DomainInfo", "fault_domain", 1, "opt", "mesos.v1.DomainInfo.FaultDomain"),
        ("mesos.v1.DomainInfo.FaultDomain", "region", 1, "req", "mesos.v1.DomainInfo.FaultDomain.RegionInfo"),
        ("mesos.v1.DomainInfo.FaultDomain", "zone", 2, "req", "mesos.v1.DomainInfo.FaultDomain.ZoneInfo"),
        ("mesos.v1.Value", "type", 1, "req", "mesos.v1.Value.Type"),
        ("mesos.v1.Value", "scalar", 2, "opt", "mesos.v1.Value.Scalar"),
        ("mesos.v1.Value", "ranges", 3, "opt", "mesos.v1.Value.Ranges"),
        ("mesos.v1.Value", "set", 4, "opt", "mesos.v1.Value.Set"),
        ("mesos.v1.Value", "text", 5, "opt", "mesos.v1.Value.Text"),
        ("mesos.v1.Value.Scalar", "value", 1, "req", "double"),
        ("mesos.v1.Value.Range", "begin", 1, "req", "uint64"),
        ("mesos.v1.Value.Range", "end", 2, "req", "uint64"),
        ("mesos.v1.Value.Ranges", "range", 1, "rep", "mesos.v1.Value.Range"),
        ("mesos.v1.Value.Set", "item", 1, "rep", "string"),
        ("mesos.v1.Value.Text", "value", 1, "req", "string"),
        ("mesos.v1.Attribute", "name", 1, "req", "string"),
        ("mesos.v1.Attribute", "type", 2, "req", "mesos.v1.Value.Type"),
        ("mesos.v1.Attribute", "scalar", 3, "opt", "mesos.v1.Value.Scalar"),
        ("mesos.v1.Attribute", "ranges", 4, "opt", "mesos.v1.Value.Ranges"),
        ("mesos.v1.Attribute", "set", 6, "opt", "mesos.v1.Value.Set"),
        ("mesos.v1.Attribute", "text", 5, "opt", "mesos.v1.Value.Text"),
        ("mesos.v1.Resource", "provider_id", 12, "opt", "mesos.v1.ResourceProviderID"),
        ("mesos.v1.Resource", "name", 1, "req", "string"),
        ("mesos.v1.Resource", "type", 2, "req", "mesos.v1.Value.Type"),
        ("mesos.v1.Resource", "scalar", 3, "opt", "mesos.v1.Value.Scalar"),
        ("mesos.v1.Resource", "ranges", 4, "opt", "mesos.v1.Value.Ranges"),
        ("mesos.v1.Resource", "set", 5, "opt", "mesos.v1.Value.Set"),
        ("mesos.v1.Resource", "role", 6, "opt", "string"),
        ("mesos.v1.Resource", "allocation_info", 11, "opt", "mesos.v1.Resource.AllocationInfo"),
        ("mesos.v1.Resource", "reservation", 8, "opt", "mesos.v1.Resource.ReservationInfo"),
        ("mesos.v1.Resource", "reservations", 13, "rep", "mesos.v1.Resource.ReservationInfo"),
        ("mesos.v1.Resource", "disk", 7, "opt", "mesos.v1.Resource.DiskInfo"),
        ("mesos.v1.Resource", "revocable", 9, "opt", "mesos.v1.Resource.RevocableInfo"),
        ("mesos.v1.Resource", "shared", 10, "opt", "mesos.v1.Resource.SharedInfo"),
        ("mesos.v1.Resource.AllocationInfo", "role", 1, "opt", "string"),
        ("mesos.v1.Resource.ReservationInfo", "type", 4, "opt", "mesos.v1.Resource.ReservationInfo.Type"),
        ("mesos.v1.Resource.ReservationInfo", "role", 3, "opt", "string"),
        ("mesos.v1.Resource.ReservationInfo", "principal", 1, "opt", "string"),
        ("mesos.v1.Resource.ReservationInfo", "labels", 2, "opt", "mesos.v1.Labels"),
        ("mesos.v1.Resource.DiskInfo", "persistence", 1, "opt", "mesos.v1.Resource.DiskInfo.Persistence"),
        ("mesos.v1.Resource.DiskInfo", "volume", 2, "opt", "mesos.v1.Volume"),
        ("mesos.v1.Resource.DiskInfo", "source", 3, "opt", "mesos.v1.Resource.DiskInfo.Source"),
        ("mesos.v1.Offer", "id", 1, "req", "mesos.v1.OfferID"),
        ("mesos.v1.Offer", "framework_id", 2, "req", "mesos.v1.FrameworkID"),
        ("mesos.v1.Offer", "agent_id", 3, "req", "mesos.v1.AgentID"),
        ("mesos.v1.Offer", "hostname", 4, "req", "string"),
        ("mesos.v1.Offer", "url", 8, "opt", "mesos.v1.URL"),
        ("mesos.v1.Offer", "domain", 11, "opt", "mesos.v1.DomainInfo"),
        ("mesos.v1.Offer", "resources", 5, "rep", "mesos.v1.Resource"),
        ("mesos.v1.Offer", "attributes", 7, "rep", "mesos.v1.Attribute"),
        ("mesos.v1.Offer", "executor_ids", 6, "rep", "mesos.v1.ExecutorID"),
        ("mesos.v1.Offer", "unavailability", 9, "opt", "mesos.v1.Unavailability"),
        ("mesos.v1.Offer", "allocation_info", 10, "opt", "mesos.v1.Resource.AllocationInfo"),
        ("mesos.v1.Offer.Operation", "type", 1, "opt", "mesos.v1.Offer.Operation.Type"),
        ("mesos.v1.Offer.Operation", "id", 12, "opt", "mesos.v1.OperationID"),
        ("mesos.v1.Offer.Operation", "launch", 2, "opt", "mesos.v1.Offer.Operation.Launch"),
        ("mesos.v1.Offer.Operation", "launch_group", 7, "opt", "mesos.v1.Offer.Operation.LaunchGroup"),
        ("mesos.v1.Offer.Operation", "reserve", 3, "opt", "mesos.v1.Offer.Operation.Reserve"),
        ("mesos.v1.Offer.Operation", "unreserve", 4, "opt", "mesos.v1.Offer.Operation.Unreserve"),
        ("mesos.v1.Offer.Operation", "create", 5, "opt", "mesos.v1.Offer.Operation.Create"),
        ("mesos.v1.Offer.Operation", "destroy", 6, "opt", "mesos.v1.Offer.Operation.Destroy"),
        ("mesos.v1.Offer.Operation", "grow_volume", 13, "opt", "mesos.v1.Offer.Operation.GrowVolume"),
        ("mesos.v1.Offer.Operation", "shrink_volume", 14, "opt", "mesos.v1.Offer.Operation.ShrinkVolume"),
        ("mesos.v1.Offer.Operation", "create_disk", 15, "opt", "mesos.v1.Offer.Operation.CreateDisk"),
        ("mesos.v1.Offer.Operation", "destroy_disk", 16, "opt", "mesos.v1.Offer.Operation.DestroyDisk"),
        ("mesos.v1.Offer.Operation.Launch", "task_infos", 1, "rep", "mesos.v1.TaskInfo"),
        ("mesos.v1.Offer.Operation.Reserve", "source", 2, "rep", "mesos.v1.Resource"),
        ("mesos.v1.Offer.Operation.Reserve", "resources", 1, "rep", "mesos.v1.Resource"),
        ("mesos.v1.TaskInfo", "name", 1, "req", "string"),
        ("mesos.v1.TaskInfo", "task_id", 2, "req", "mesos.v1.TaskID"),
        ("mesos.v1.TaskInfo", "agent_id", 3, "req", "mesos.v1.AgentID"),
        ("mesos.v1.TaskInfo", "resources", 4, "rep", "mesos.v1.Resource"),
        ("mesos.v1.TaskInfo", "executor", 5, "opt", "mesos.v1.ExecutorInfo"),
        ("mesos.v1.TaskInfo", "command", 7, "opt", "mesos.v1.CommandInfo"),
        ("mesos.v1.TaskInfo", "container", 9, "opt", "mesos.v1.ContainerInfo"),
        ("mesos.v1.TaskInfo", "health_check", 8, "opt", "mesos.v1.HealthCheck"),
        ("mesos.v1.TaskInfo", "check", 13, "opt", "mesos.v1.CheckInfo"),
        ("mesos.v1.TaskInfo", "kill_policy", 12, "opt", "mesos.v1.KillPolicy"),
        ("mesos.v1.TaskInfo", "data", 6, "opt", "bytes"),
        ("mesos.v1.TaskInfo", "labels", 10, "opt", "mesos.v1.Labels"),
        ("mesos.v1.TaskInfo", "discovery", 11, "opt", "mesos.v1.DiscoveryInfo"),
        ("mesos.v1.TaskInfo", "max_completion_time", 14, "opt", "mesos.v1.DurationInfo"),
        ("mesos.v1.TaskInfo", "limits", 15, "rep", "mesos.v1.TaskInfo.LimitsEntry"),
        ("mesos.v1.ExecutorInfo", "type", 15, "opt", "mesos.v1.ExecutorInfo.Type"),
        ("mesos.v1.ExecutorInfo", "executor_id", 1, "req", "mesos.v1.ExecutorID"),
        ("mesos.v1.ExecutorInfo", "framework_id", 8, "opt", "mesos.v1.FrameworkID"),
        ("mesos.v1.ExecutorInfo", "command", 7, "opt", "mesos.v1.CommandInfo"),
        ("mesos.v1.ExecutorInfo", "container", 11, "opt", "mesos.v1.ContainerInfo"),
        ("mesos.v1.ExecutorInfo", "resources", 5, "rep", "mesos.v1.Resource"),
        ("mesos.v1.ExecutorInfo", "name", 9, "opt", "string"),
        ("mesos.v1.ExecutorInfo", "data", 4, "opt", "bytes"),
        ("mesos.v1.ExecutorInfo", "shutdown_grace_period", 13, "opt", "mesos.v1.DurationInfo"),
        ("mesos.v1.ExecutorInfo", "labels", 14, "opt", "mesos.v1.Labels"),
        ("mesos.v1.CommandInfo", "uris", 1, "rep", "mesos.v1.CommandInfo.URI"),
        ("mesos.v1.CommandInfo", "environment", 2, "opt", "mesos.v1.Environment"),
        ("mesos.v1.CommandInfo", "shell", 6, "opt", "bool"),
        ("mesos.v1.CommandInfo", "value", 3, "opt", "string"),
        ("mesos.v1.CommandInfo", "arguments", 7, "rep", "string"),
        ("mesos.v1.CommandInfo", "user", 5, "opt", "string"),
        ("mesos.v1.CommandInfo.URI", "value", 1, "req", "string"),
        ("mesos.v1.CommandInfo.URI", "executable", 2, "opt", "bool"),
        ("mesos.v1.CommandInfo.URI", "extract", 3, "opt", "bool"),
        ("mesos.v1.CommandInfo.URI", "cache", 4, "opt", "bool"),
        ("mesos.v1.CommandInfo.URI", "output_file", 5, "opt", "string"),
        ("mesos.v1.Environment", "variables", 1, "rep", "mesos.v1.Environment.Variable"),
        ("mesos.v1.Environment.Variable", "name", 1, "req", "string"),
        ("mesos.v1.Environment.Variable", "type", 3, "opt", "mesos.v1.Environment.Variable.Type"),
        ("mesos.v1.Environment.Variable", "value", 2, "opt", "string"),
        ("mesos.v1.Environment.Variable", "secret", 4, "opt", "mesos.v1.Secret"),
        ("mesos.v1.Parameter", "key", 1, "req", "string"),
        ("mesos.v1.Parameter", "value", 2, "req", "string"),
        ("mesos.v1.Parameters", "parameter", 1, "rep", "mesos.v1.Parameter"),
        ("mesos.v1.Label", "key", 1, "req", "string"),
        ("mesos.v1.Label", "value", 2, "opt", "string"),
        ("mesos.v1.Labels", "labels", 1, "rep", "mesos.v1.Label"),
        ("mesos.v1.ContainerInfo", "type", 1, "req", "mesos.v1.ContainerInfo.Type"),
        ("mesos.v1.ContainerInfo", "volumes", 2, "rep", "mesos.v1.Volume"),
        ("mesos.v1.ContainerInfo", "hostname", 4, "opt", "string"),
        ("mesos.v1.ContainerInfo", "docker", 3, "opt", "mesos.v1.ContainerInfo.DockerInfo"),
        ("mesos.v1.ContainerInfo", "mesos", 5, "opt", "mesos.v1.ContainerInfo.MesosInfo"),
        ("mesos.v1.ContainerInfo", "network_infos", 7, "rep", "mesos.v1.NetworkInfo"),
        ("mesos.v1.ContainerInfo.DockerInfo", "image", 1, "req", "string"),
        ("mesos.v1.ContainerInfo.DockerInfo", "network", 2, "opt", "mesos.v1.ContainerInfo.DockerInfo.Network"),
        ("mesos.v1.ContainerInfo.DockerInfo", "port_mappings", 3, "rep", "mesos.v1.ContainerInfo.DockerInfo.PortMapping"),
        ("mesos.v1.ContainerInfo.DockerInfo", "privileged", 4, "opt", "bool"),
        ("mesos.v1.ContainerInfo.DockerInfo", "parameters", 5, "rep", "mesos.v1.Parameter"),
        ("mesos.v1.ContainerInfo.DockerInfo", "force_pull_image", 6, "opt", "bool"),
        ("mesos.v1.ContainerInfo.DockerInfo", "volume_driver", 7, "opt", "string"),
        ("mesos.v1.ContainerInfo.DockerInfo.PortMapping", "host_port", 1, "req", "uint32"),
        ("mesos.v1.ContainerInfo.DockerInfo.PortMapping", "container_port", 2, "req", "uint32"),
        ("mesos.v1.ContainerInfo.DockerInfo.PortMapping", "protocol", 3, "opt", "string"),
        ("mesos.v1.ContainerInfo.MesosInfo", "image", 1, "opt", "mesos.v1.Image"),
        ("mesos.v1.Volume", "mode", 3, "req", "mesos.v1.Volume.Mode"),
        ("mesos.v1.Volume", "container_path", 1, "req", "string"),
        ("mesos.v1.Volume", "host_path", 2, "opt", "string"),
        ("mesos.v1.Volume", "image", 4, "opt", "mesos.v1.Image"),
        ("mesos.v1.Volume", "source", 5, "opt", "mesos.v1.Volume.Source"),
        ("mesos.v1.Volume.Source", "type", 1, "opt", "mesos.v1.Volume.Source.Type"),
        ("mesos.v1.Volume.Source", "docker_volume", 2, "opt", "mesos.v1.Volume.Source.DockerVolume"),
        ("mesos.v1.Volume.Source", "host_path", 5, "opt", "mesos.v1.Volume.Source.HostPath"),
        ("mesos.v1.Volume.Source", "sandbox_path", 3, "opt", "mesos.v1.Volume.Source.SandboxPath"),
        ("mesos.v1.Volume.Source", "secret", 4, "opt", "mesos.v1.Secret"),
        ("mesos.v1.Image", "type", 1, "req", "mesos.v1.Image.Type"),
        ("mesos.v1.Image", "appc", 2, "opt", "mesos.v1.Image.Appc"),
        ("mesos.v1.Image", "docker", 3, "opt", "mesos.v1.Image.Docker"),
        ("mesos.v1.Image", "cached", 4, "opt", "bool"),
        ("mesos.v1.Image.Docker", "name", 1, "req", "string"),
        ("mesos.v1.HealthCheck", "delay_seconds", 2, "opt", "double"),
        ("mesos.v1.HealthCheck", "interval_seconds", 3, "opt", "double"),
        ("mesos.v1.HealthCheck", "timeout_seconds", 4, "opt", "double"),
        ("mesos.v1.HealthCheck", "consecutive_failures", 5, "opt", "uint32"),
        ("mesos.v1.HealthCheck", "grace_period_seconds", 6, "opt", "double"),
        ("mesos.v1.HealthCheck", "type", 8, "opt", "mesos.v1.HealthCheck.Type"),
        ("mesos.v1.HealthCheck", "command", 7, "opt", "mesos.v1.CommandInfo"),
        ("mesos.v1.HealthCheck", "http", 1, "opt", "mesos.v1.HealthCheck.HTTPCheckInfo"),
        ("mesos.v1.HealthCheck", "tcp", 9, "opt", "mesos.v1.HealthCheck.TCPCheckInfo"),
        ("mesos.v1.HealthCheck.HTTPCheckInfo", "protocol", 5, "opt", "mesos.v1.NetworkInfo.Protocol"),
        ("mesos.v1.HealthCheck.HTTPCheckInfo", "scheme", 3, "opt", "string"),
        ("mesos.v1.HealthCheck.HTTPCheckInfo", "port", 1, "req", "uint32"),
        ("mesos.v1.HealthCheck.HTTPCheckInfo", "path", 2, "opt", "string"),
        ("mesos.v1.HealthCheck.HTTPCheckInfo", "statuses", 4, "rep", "uint32"),
        ("mesos.v1.HealthCheck.TCPCheckInfo", "protocol", 2, "opt", "mesos.v1.NetworkInfo.Protocol"),
        ("mesos.v1.HealthCheck.TCPCheckInfo", "port", 1, "req", "uint32"),
        ("mesos.v1.KillPolicy", "grace_period", 1, "opt", "mesos.v1.DurationInfo"),
        ("mesos.v1.TaskStatus", "task_id", 1, "req", "mesos.v1.TaskID"),
        ("mesos.v1.TaskStatus", "state", 2, "req", "mesos.v1.TaskState"),
        ("mesos.v1.TaskStatus", "message", 4, "opt", "string"),
        ("mesos.v1.TaskStatus", "source", 9, "opt", "mesos.v1.TaskStatus.Source"),
        ("mesos.v1.TaskStatus", "reason", 10, "opt", "mesos.v1.TaskStatus.Reason"),
        ("mesos.v1.TaskStatus", "data", 3, "opt", "bytes"),
        ("mesos.v1.TaskStatus", "agent_id", 5, "opt", "mesos.v1.AgentID"),
        ("mesos.v1.TaskStatus", "executor_id", 7, "opt", "mesos.v1.ExecutorID"),
        ("mesos.v1.TaskStatus", "timestamp", 6, "opt", "double"),
        ("mesos.v1.TaskStatus", "uuid", 11, "opt", "bytes"),
        ("mesos.v1.TaskStatus", "healthy", 8, "opt", "bool"),
        ("mesos.v1.TaskStatus", "check_status", 15, "opt", "mesos.v1.CheckStatusInfo"),
        ("mesos.v1.TaskStatus", "labels", 12, "opt", "mesos.v1.Labels"),
        ("mesos.v1.TaskStatus", "container_status", 13, "opt", "mesos.v1.ContainerStatus"),
        ("mesos.v1.TaskStatus", "unreachable_time", 14, "opt", "mesos.v1.TimeInfo"),
        ("mesos.v1.TaskStatus", "limitation", 16, "opt", "mesos.v1.TaskResourceLimitation"),
        ("mesos.v1.Filters", "refuse_seconds", 1, "opt", "double"),
        ("mesos.v1.Request", "agent_id", 1, "opt", "mesos.v1.AgentID"),
        ("mesos.v1.Request", "resources", 2, "rep", "mesos.v1.Resource"),
        ("mesos.v1.OperationStatus", "operation_id", 1, "opt", "mesos.v1.OperationID"),
        ("mesos.v1.OperationStatus", "state", 2, "req", "mesos.v1.OperationState"),
        ("mesos.v1.OperationStatus", "uuid", 5, "opt", "mesos.v1.UUID"),
        ("mesos.v1.InverseOffer", "unavailability", 5, "req", "mesos.v1.Unavailability"),
        ("mesos.v1.scheduler.Event", "type", 1, "opt", "mesos.v1.scheduler.Event.Type"),
        ("mesos.v1.scheduler.Event", "subscribed", 2, "opt", "mesos.v1.scheduler.Event.Subscribed"),
        ("mesos.v1.scheduler.Event", "offers", 3, "opt", "mesos.v1.scheduler.Event.Offers"),
        ("mesos.v1.scheduler.Event", "inverse_offers", 9, "opt", "mesos.v1.scheduler.Event.InverseOffers"),
        ("mesos.v1.scheduler.Event", "rescind", 4, "opt", "mesos.v1.scheduler.Event.Rescind"),
        ("mesos.v1.scheduler.Event", "rescind_inverse_offer", 10, "opt", "mesos.v1.scheduler.Event.RescindInverseOffer"),
        ("mesos.v1.scheduler.Event", "update", 5, "opt", "mesos.v1.scheduler.Event.Update"),
        ("mesos.v1.scheduler.Event", "update_operation_status", 11, "opt", "mesos.v1.scheduler.Event.UpdateOperationStatus"),
        ("mesos.v1.scheduler.Event", "message", 6, "opt", "mesos.v1.scheduler.Event.Message"),
        ("mesos.v1.scheduler.Event", "failure", 7, "opt", "mesos.v1.scheduler.Event.Failure"),
        ("mesos.v1.scheduler.Event", "error", 8, "opt", "mesos.v1.scheduler.Event.Error"),
        ("mesos.v1.scheduler.Event.Subscribed", "framework_id", 1, "req", "mesos.v1.FrameworkID"),
        ("mesos.v1.scheduler.Event.Subscribed", "heartbeat_interval_seconds", 2, "opt", "double"),
        ("mesos.v1.scheduler.Event.Subscribed", "master_info", 3, "opt", "mesos.v1.MasterInfo"),
        ("mesos.v1.scheduler.Event.Offers", "offers", 1, "rep", "mesos.v1.Offer"),
        ("mesos.v1.scheduler.Event.Rescind", "offer_id", 1, "req", "mesos.v1.OfferID"),
        ("mesos.v1.scheduler.Event.Update", "status", 1, "req", "mesos.v1.TaskStatus"),
        ("mesos.v1.scheduler.Event.Message", "agent_id", 1, "req", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Event.Message", "executor_id", 2, "req", "mesos.v1.ExecutorID"),
        ("mesos.v1.scheduler.Event.Message", "data", 3, "req", "bytes"),
        ("mesos.v1.scheduler.Event.Failure", "agent_id", 1, "opt", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Event.Failure", "executor_id", 2, "opt", "mesos.v1.ExecutorID"),
        ("mesos.v1.scheduler.Event.Failure", "status", 3, "opt", "int32"),
        ("mesos.v1.scheduler.Event.Error", "message", 1, "req", "string"),
        ("mesos.v1.scheduler.Call", "framework_id", 1, "opt", "mesos.v1.FrameworkID"),
        ("mesos.v1.scheduler.Call", "type", 2, "opt", "mesos.v1.scheduler.Call.Type"),
        ("mesos.v1.scheduler.Call", "subscribe", 3, "opt", "mesos.v1.scheduler.Call.Subscribe"),
        ("mesos.v1.scheduler.Call", "accept", 4, "opt", "mesos.v1.scheduler.Call.Accept"),
        ("mesos.v1.scheduler.Call", "decline", 5, "opt", "mesos.v1.scheduler.Call.Decline"),
        ("mesos.v1.scheduler.Call", "accept_inverse_offers", 13, "opt", "mesos.v1.scheduler.Call.AcceptInverseOffers"),
        ("mesos.v1.scheduler.Call", "decline_inverse_offers", 14, "opt", "mesos.v1.scheduler.Call.DeclineInverseOffers"),
        ("mesos.v1.scheduler.Call", "revive", 15, "opt", "mesos.v1.scheduler.Call.Revive"),
        ("mesos.v1.scheduler.Call", "kill", 6, "opt", "mesos.v1.scheduler.Call.Kill"),
        ("mesos.v1.scheduler.Call", "shutdown", 7, "opt", "mesos.v1.scheduler.Call.Shutdown"),
        ("mesos.v1.scheduler.Call", "acknowledge", 8, "opt", "mesos.v1.scheduler.Call.Acknowledge"),
        ("mesos.v1.scheduler.Call", "acknowledge_operation_status", 17, "opt", "mesos.v1.scheduler.Call.AcknowledgeOperationStatus"),
        ("mesos.v1.scheduler.Call", "reconcile", 9, "opt", "mesos.v1.scheduler.Call.Reconcile"),
        ("mesos.v1.scheduler.Call", "reconcile_operations", 18, "opt", "mesos.v1.scheduler.Call.ReconcileOperations"),
        ("mesos.v1.scheduler.Call", "message", 10, "opt", "mesos.v1.scheduler.Call.Message"),
        ("mesos.v1.scheduler.Call", "request", 11, "opt", "mesos.v1.scheduler.Call.Request"),
        ("mesos.v1.scheduler.Call", "suppress", 16, "opt", "mesos.v1.scheduler.Call.Suppress"),
        ("mesos.v1.scheduler.Call", "update_framework", 19, "opt", "mesos.v1.scheduler.Call.UpdateFramework"),
        ("mesos.v1.scheduler.Call.Subscribe", "framework_info", 1, "req", "mesos.v1.FrameworkInfo"),
        ("mesos.v1.scheduler.Call.Subscribe", "suppressed_roles", 2, "rep", "string"),
        ("mesos.v1.scheduler.Call.Accept", "offer_ids", 1, "rep", "mesos.v1.OfferID"),
        ("mesos.v1.scheduler.Call.Accept", "operations", 2, "rep", "mesos.v1.Offer.Operation"),
        ("mesos.v1.scheduler.Call.Accept", "filters", 3, "opt", "mesos.v1.Filters"),
        ("mesos.v1.scheduler.Call.Decline", "offer_ids", 1, "rep", "mesos.v1.OfferID"),
        ("mesos.v1.scheduler.Call.Decline", "filters", 2, "opt", "mesos.v1.Filters"),
        ("mesos.v1.scheduler.Call.Revive", "roles", 1, "rep", "string"),
        ("mesos.v1.scheduler.Call.Suppress", "roles", 1, "rep", "string"),
        ("mesos.v1.scheduler.Call.Kill", "task_id", 1, "req", "mesos.v1.TaskID"),
        ("mesos.v1.scheduler.Call.Kill", "agent_id", 2, "opt", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Call.Kill", "kill_policy", 3, "opt", "mesos.v1.KillPolicy"),
        ("mesos.v1.scheduler.Call.Shutdown", "executor_id", 1, "req", "mesos.v1.ExecutorID"),
        ("mesos.v1.scheduler.Call.Shutdown", "agent_id", 2, "req", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Call.Acknowledge", "agent_id", 1, "req", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Call.Acknowledge", "task_id", 2, "req", "mesos.v1.TaskID"),
        ("mesos.v1.scheduler.Call.Acknowledge", "uuid", 3, "req", "bytes"),
        ("mesos.v1.scheduler.Call.Reconcile", "tasks", 1, "rep", "mesos.v1.scheduler.Call.Reconcile.Task"),
        ("mesos.v1.scheduler.Call.Reconcile.Task", "task_id", 1, "req", "mesos.v1.TaskID"),
        ("mesos.v1.scheduler.Call.Reconcile.Task", "agent_id", 2, "opt", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Call.Message", "agent_id", 1, "req", "mesos.v1.AgentID"),
        ("mesos.v1.scheduler.Call.Message", "executor_id", 2, "req", "mesos.v1.ExecutorID"),
        ("mesos.v1.scheduler.Call.Message", "data", 3, "req", "bytes"),
        ("mesos.v1.scheduler.Call.Request", "requests", 1, "rep", "mesos.v1.Request"),
        ("mesos.v1.scheduler.Call.UpdateFramework", "framework_info", 1, "req", "mesos.v1.FrameworkInfo"),
    ];

    // enum full name, value name, number.
    private static readonly (string Enum, string Name, int Number)[] EnumValues =
    [
        ("mesos.v1.TaskState", "TASK_STAGING", 6), ("mesos.v1.TaskState", "TASK_STARTING", 0),
        ("mesos.v1.TaskState", "TASK_RUNNING", 1), ("mesos.v1.TaskState", "TASK_KILLING", 8),
        ("mesos.v1.TaskState", "TASK_FINISHED", 2), ("mesos.v1.TaskState", "TASK_FAILED", 3),
        ("mesos.v1.TaskState", "TASK_KILLED", 4), ("mesos.v1.TaskState", "TASK_ERROR", 7),
        ("mesos.v1.TaskState", "TASK_LOST", 5), ("mesos.v1.TaskState", "TASK_DROPPED", 9),
        ("mesos.v1.TaskState", "TASK_UNREACHABLE", 10), ("mesos.v1.TaskState", "TASK_GONE", 11),
        ("mesos.v1.TaskState", "TASK_GONE_BY_OPERATOR", 12), ("mesos.v1.TaskState", "TASK_UNKNOWN", 13),
        ("mesos.v1.TaskStatus.Source", "SOURCE_MASTER", 0), ("mesos.v1.TaskStatus.Source", "SOURCE_AGENT", 1),
        ("mesos.v1.TaskStatus.Source", "SOURCE_EXECUTOR", 2),
        ("mesos.v1.TaskStatus.Reason", "REASON_COMMAND_EXECUTOR_FAILED", 0),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_LAUNCH_FAILED", 21),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_LIMITATION", 19),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_LIMITATION_DISK", 20),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_LIMITATION_MEMORY", 8),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_PREEMPTED", 17),
        ("mesos.v1.TaskStatus.Reason", "REASON_CONTAINER_UPDATE_FAILED", 22),
        ("mesos.v1.TaskStatus.Reason", "REASON_MAX_COMPLETION_TIME_REACHED", 33),
        ("mesos.v1.TaskStatus.Reason", "REASON_EXECUTOR_REGISTRATION_TIMEOUT", 23),
        ("mesos.v1.TaskStatus.Reason", "REASON_EXECUTOR_REREGISTRATION_TIMEOUT", 24),
        ("mesos.v1.TaskStatus.Reason", "REASON_EXECUTOR_TERMINATED", 1),
        ("mesos.v1.TaskStatus.Reason", "REASON_EXECUTOR_UNREGISTERED", 2),
        ("mesos.v1.TaskStatus.Reason", "REASON_FRAMEWORK_REMOVED", 3),
        ("mesos.v1.TaskStatus.Reason", "REASON_GC_ERROR", 4),
        ("mesos.v1.TaskStatus.Reason", "REASON_INVALID_FRAMEWORKID", 5),
        ("mesos.v1.TaskStatus.Reason", "REASON_INVALID_OFFERS", 6),
        ("mesos.v1.TaskStatus.Reason", "REASON_IO_SWITCHBOARD_EXITED", 27),
        ("mesos.v1.TaskStatus.Reason", "REASON_MASTER_DISCONNECTED", 7),
        ("mesos.v1.TaskStatus.Reason", "REASON_RECONCILIATION", 9),
        ("mesos.v1.TaskStatus.Reason", "REASON_RESOURCES_UNKNOWN", 18),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_DISCONNECTED", 10),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_DRAINING", 34),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_REMOVED", 11),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_REMOVED_BY_OPERATOR", 31),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_REREGISTERED", 32),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_RESTARTED", 12),
        ("mesos.v1.TaskStatus.Reason", "REASON_AGENT_UNKNOWN", 13),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_KILLED_DURING_LAUNCH", 30),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_CHECK_STATUS_UPDATED", 28),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", 29),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_GROUP_INVALID", 25),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_GROUP_UNAUTHORIZED", 26),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_INVALID", 14),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_UNAUTHORIZED", 15),
        ("mesos.v1.TaskStatus.Reason", "REASON_TASK_UNKNOWN", 16),
        ("mesos.v1.Value.Type", "SCALAR", 0), ("mesos.v1.Value.Type", "RANGES", 1),
        ("mesos.v1.Value.Type", "SET", 2), ("mesos.v1.Value.Type", "TEXT", 3),
        ("mesos.v1.Offer.Operation.Type", "UNKNOWN", 0), ("mesos.v1.Offer.Operation.Type", "LAUNCH", 1),
        ("mesos.v1.Offer.Operation.Type", "LAUNCH_GROUP", 6), ("mesos.v1.Offer.Operation.Type", "RESERVE", 2),
        ("mesos.v1.Offer.Operation.Type", "UNRESERVE", 3), ("mesos.v1.Offer.Operation.Type", "CREATE", 4),
        ("mesos.v1.Offer.Operation.Type", "DESTROY", 5), ("mesos.v1.Offer.Operation.Type", "GROW_VOLUME", 11),
        ("mesos.v1.Offer.Operation.Type", "SHRINK_VOLUME", 12), ("mesos.v1.Offer.Operation.Type", "CREATE_DISK", 13),
        ("mesos.v1.Offer.Operation.Type", "DESTROY_DISK", 14),
        ("mesos.v1.FrameworkInfo.Capability.Type", "UNKNOWN", 0),
        ("mesos.v1.FrameworkInfo.Capability.Type", "REVOCABLE_RESOURCES", 1),
        ("mesos.v1.FrameworkInfo.Capability.Type", "TASK_KILLING_STATE", 2),
        ("mesos.v1.FrameworkInfo.Capability.Type", "GPU_RESOURCES", 3),
        ("mesos.v1.FrameworkInfo.Capability.Type", "SHARED_RESOURCES", 4),
        ("mesos.v1.FrameworkInfo.Capability.Type", "PARTITION_AWARE", 5),
        ("mesos.v1.FrameworkInfo.Capability.Type", "MULTI_ROLE", 6),
        ("mesos.v1.FrameworkInfo.Capability.Type", "RESERVATION_REFINEMENT", 7),
        ("mesos.v1.FrameworkInfo.Capability.Type", "REGION_AWARE", 8),
        ("mesos.v1.MasterInfo.Capability.Type", "AGENT_UPDATE", 1),
        ("mesos.v1.MasterInfo.Capability.Type", "AGENT_DRAINING", 2),
        ("mesos.v1.MasterInfo.Capability.Type", "QUOTA_V2", 3),
        ("mesos.v1.ContainerInfo.Type", "DOCKER", 1), ("mesos.v1.ContainerInfo.Type", "MESOS", 2),
        ("mesos.v1.ContainerInfo.DockerInfo.Network", "HOST", 1),
        ("mesos.v1.ContainerInfo.DockerInfo.Network", "BRIDGE", 2),
        ("mesos.v1.ContainerInfo.DockerInfo.Network", "NONE", 3),
        ("mesos.v1.ContainerInfo.DockerInfo.Network", "USER", 4),
        ("mesos.v1.Volume.Mode", "RW", 1), ("mesos.v1.Volume.Mode", "RO", 2),
        ("mesos.v1.HealthCheck.Type", "UNKNOWN", 0), ("mesos.v1.HealthCheck.Type", "COMMAND", 1),
        ("mesos.v1.HealthCheck.Type", "HTTP", 2), ("mesos.v1.HealthCheck.Type", "TCP", 3),
        ("mesos.v1.Image.Type", "APPC", 1), ("mesos.v1.Image.Type", "DOCKER", 2),
        ("mesos.v1.Environment.Variable.Type", "VALUE", 1),
        ("mesos.v1.scheduler.Event.Type", "UNKNOWN", 0), ("mesos.v1.scheduler.Event.Type", "SUBSCRIBED", 1),
        ("mesos.v1.scheduler.Event.Type", "OFFERS", 2), ("mesos.v1.scheduler.Event.Type", "INVERSE_OFFERS", 9),
        ("mesos.v1.scheduler.Event.Type", "RESCIND", 3), ("mesos.v1.scheduler.Event.Type", "RESCIND_INVERSE_OFFER", 10),
        ("mesos.v1.scheduler.Event.Type", "UPDATE", 4), ("mesos.v1.scheduler.Event.Type", "UPDATE_OPERATION_STATUS", 11),
        ("mesos.v1.scheduler.Event.Type", "MESSAGE", 5), ("mesos.v1.scheduler.Event.Type", "FAILURE", 6),
        ("mesos.v1.scheduler.Event.Type", "ERROR", 7), ("mesos.v1.scheduler.Event.Type", "HEARTBEAT", 8),
        ("mesos.v1.scheduler.Call.Type", "UNKNOWN", 0), ("mesos.v1.scheduler.Call.Type", "SUBSCRIBE", 1),
        ("mesos.v1.scheduler.Call.Type", "TEARDOWN", 2), ("mesos.v1.scheduler.Call.Type", "ACCEPT", 3),
        ("mesos.v1.scheduler.Call.Type", "DECLINE", 4), ("mesos.v1.scheduler.Call.Type", "ACCEPT_INVERSE_OFFERS", 13),
        ("mesos.v1.scheduler.Call.Type", "DECLINE_INVERSE_OFFERS", 14), ("mesos.v1.scheduler.Call.Type", "REVIVE", 5),
        ("mesos.v1.scheduler.Call.Type", "KILL", 6), ("mesos.v1.scheduler.Call.Type", "SHUTDOWN", 7),
        ("mesos.v1.scheduler.Call.Type", "ACKNOWLEDGE", 8),
        ("mesos.v1.scheduler.Call.Type", "ACKNOWLEDGE_OPERATION_STATUS", 15),
        ("mesos.v1.scheduler.Call.Type", "RECONCILE", 9), ("mesos.v1.scheduler.Call.Type", "RECONCILE_OPERATIONS", 16),
        ("mesos.v1.scheduler.Call.Type", "MESSAGE", 10), ("mesos.v1.scheduler.Call.Type", "REQUEST", 11),
        ("mesos.v1.scheduler.Call.Type", "SUPPRESS", 12), ("mesos.v1.scheduler.Call.Type", "UPDATE_FRAMEWORK", 17),
    ];

    [Fact]
    public void Every_pinned_field_has_the_apache_mesos_name_number_label_and_type()
    {
        var mismatches = new List<string>();
        foreach (var (message, field, number, label, type) in Fields)
        {
            var descriptor = Registry.Find(message);
            if (descriptor is null)
            {
                mismatches.Add($"{message}: message missing");
                continue;
            }

            var actual = descriptor.FindFieldByName(field);
            if (actual is null)
            {
                mismatches.Add($"{message}.{field}: field missing");
                continue;
            }

            var actualLabel = actual.IsRepeated || actual.IsMap ? "rep" : actual.IsRequired ? "req" : "opt";
            var actualType = actual.FieldType switch
            {
                FieldType.Message or FieldType.Group => actual.MessageType.FullName,
                FieldType.Enum => actual.EnumType.FullName,
                _ => actual.FieldType.ToString().ToLowerInvariant(),
            };
            if (actual.FieldNumber != number || actualLabel != label || actualType != type)
            {
                mismatches.Add(
                    $"{message}.{field}: expected #{number} {label} {type}, got #{actual.FieldNumber} {actualLabel} {actualType}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Every_pinned_enum_value_has_the_apache_mesos_number()
    {
        var mismatches = new List<string>();
        foreach (var (enumName, name, number) in EnumValues)
        {
            var descriptor = FindEnum(enumName);
            var value = descriptor?.FindValueByName(name);
            if (value is null || value.Number != number)
            {
                mismatches.Add($"{enumName}.{name}: expected {number}, got {value?.Number.ToString() ?? "missing"}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Call_and_event_type_enums_list_exactly_the_apache_mesos_values()
    {
        Assert.Equal(18, Call.Descriptor.EnumTypes.Single(e => e.Name == "Type").Values.Count);
        Assert.Equal(12, Event.Descriptor.EnumTypes.Single(e => e.Name == "Type").Values.Count);
        Assert.Equal(35, TaskStatus.Descriptor.EnumTypes.Single(e => e.Name == "Reason").Values.Count);
        Assert.Equal(14, MesosReflection.Descriptor.EnumTypes.Single(e => e.Name == "TaskState").Values.Count);
    }

    [Fact]
    public void Proto2_defaults_match_apache_mesos()
    {
        Assert.Equal(5.0, new Filters().RefuseSeconds);
        Assert.True(new CommandInfo().Shell);
        Assert.True(new CommandInfo.Types.URI().Extract);
        Assert.Equal(0.0, new FrameworkInfo().FailoverTimeout);
        Assert.False(new FrameworkInfo().Checkpoint);
        Assert.Equal(5050u, new MasterInfo().Port);
        Assert.Equal(ContainerInfo.Types.DockerInfo.Types.Network.Host, new ContainerInfo.Types.DockerInfo().Network);
        Assert.False(new ContainerInfo.Types.DockerInfo().Privileged);
        Assert.True(new Image().Cached);
        Assert.Equal(Environment.Types.Variable.Types.Type.Value, new Environment.Types.Variable().Type);
        var health = new HealthCheck();
        Assert.Equal(15.0, health.DelaySeconds);
        Assert.Equal(10.0, health.IntervalSeconds);
        Assert.Equal(20.0, health.TimeoutSeconds);
        Assert.Equal(3u, health.ConsecutiveFailures);
        Assert.Equal(10.0, health.GracePeriodSeconds);
        Assert.Equal(NetworkInfo.Types.Protocol.Ipv4, new HealthCheck.Types.HTTPCheckInfo().Protocol);
#pragma warning disable CS0612 // Resource.role is deprecated upstream, but its default is still part of the contract.
        Assert.Equal("*", new Resource().Role);
        Assert.Equal("*", new FrameworkInfo().Role);
#pragma warning restore CS0612
    }

    [Fact]
    public void Packages_are_the_mesos_wire_packages()
    {
        Assert.Equal("mesos.v1", MesosReflection.Descriptor.Package);
        Assert.Equal("mesos.v1.scheduler", SchedulerReflection.Descriptor.Package);
        Assert.Equal("mesos/v1/scheduler/scheduler.proto", SchedulerReflection.Descriptor.Name);
        Assert.Equal("mesos/v1/mesos.proto", MesosReflection.Descriptor.Name);
    }

    private static EnumDescriptor? FindEnum(string fullName) =>
        AllEnums(MesosReflection.Descriptor.EnumTypes, MesosReflection.Descriptor.MessageTypes)
            .Concat(AllEnums(SchedulerReflection.Descriptor.EnumTypes, SchedulerReflection.Descriptor.MessageTypes))
            .FirstOrDefault(e => e.FullName == fullName);

    private static IEnumerable<EnumDescriptor> AllEnums(
        IEnumerable<EnumDescriptor> enums, IEnumerable<MessageDescriptor> messages) =>
        enums.Concat(messages.SelectMany(m => AllEnums(m.EnumTypes, m.NestedTypes)));
}
