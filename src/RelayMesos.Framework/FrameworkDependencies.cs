using Microsoft.Extensions.Logging;
using RelayMesos.Control.Controllers;
using RelayMesos.Control.Sources;
using RelayMesos.Failover;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.Scheduler;

namespace RelayMesos.Framework;

/// <summary>
/// What one leadership term of the framework is built from. The Mesos client is made per term because a
/// deposed leader's client (and its stream) must die with it. <see cref="LeaseEpoch"/> reads the epoch of the lease this
/// process holds (null without a SQL store), which names the singleton's term in the log. <see cref="RunEnded"/> says
/// whether the run has been stopped (by this instance or by another member's stop condition or max-failures): a
/// singleton that starts here afterwards must not start the framework again.
/// </summary>
public sealed record FrameworkDependencies(
    FrameworkSettings Settings,
    ControllerSettings Controller,
    IMetricSource Metric,
    IMetricSource Target,
    FailurePolicySettings FailurePolicy,
    Func<MesosSchedulerClient> CreateClient,
    TaskCounter TaskCounter,
    TimeProvider Clock,
    ILoggerFactory Loggers,
    Action<StopRequested> OnStopRequested,
    string? WebUiUrl = null,
    DatabaseIncidentLog? Database = null,
    Func<long?>? LeaseEpoch = null,
    Func<bool>? RunEnded = null);
