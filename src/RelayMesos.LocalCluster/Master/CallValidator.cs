using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.LocalCluster.Master;

/// <summary>
/// The master's call-level validation (a failure is a 400 "Failed to validate scheduler::Call: …") and
/// FrameworkInfo validation (a failure is an ERROR event in the SUBSCRIBE stream), as in Mesos' validation.cpp.
/// </summary>
public static class CallValidator
{
    /// <returns>Null when valid, otherwise the reason.</returns>
    public static string? Validate(Call call, string? authenticatedPrincipal)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!call.HasType)
        {
            return "Expecting 'type' to be present";
        }

        if (call.Type == Call.Types.Type.Subscribe)
        {
            if (call.Subscribe is null)
            {
                return "Expecting 'subscribe' to be present";
            }

            var info = call.Subscribe.FrameworkInfo;
            if (!Equals(call.FrameworkId, info.Id))
            {
                return "'framework_id' differs from 'subscribe.framework_info.id'";
            }

            if (authenticatedPrincipal is not null && info.HasPrincipal && info.Principal != authenticatedPrincipal)
            {
                return $"Authenticated principal '{authenticatedPrincipal}' does not match principal '{info.Principal}' set in `FrameworkInfo`";
            }

            return null;
        }

        if (call.FrameworkId is null)
        {
            return "Expecting 'framework_id' to be present";
        }

        return call.Type switch
        {
            Call.Types.Type.Accept => Require(call.Accept, "accept"),
            Call.Types.Type.Decline => Require(call.Decline, "decline"),
            Call.Types.Type.AcceptInverseOffers => Require(call.AcceptInverseOffers, "accept_inverse_offers"),
            Call.Types.Type.DeclineInverseOffers => Require(call.DeclineInverseOffers, "decline_inverse_offers"),
            Call.Types.Type.Kill => Require(call.Kill, "kill"),
            Call.Types.Type.Shutdown => Require(call.Shutdown, "shutdown"),
            Call.Types.Type.Acknowledge => Require(call.Acknowledge, "acknowledge")
                ?? (call.Acknowledge.Uuid.Length == 16 ? null : "'uuid' is not a valid UUID"),
            Call.Types.Type.AcknowledgeOperationStatus => Require(call.AcknowledgeOperationStatus, "acknowledge_operation_status")
                ?? (call.AcknowledgeOperationStatus.Uuid.Length == 16 ? null : "'uuid' is not a valid UUID")
                ?? (call.AcknowledgeOperationStatus.AgentId is null ? "Expecting 'agent_id' to be present" : null),
            Call.Types.Type.Reconcile => Require(call.Reconcile, "reconcile"),
            Call.Types.Type.ReconcileOperations => Require(call.ReconcileOperations, "reconcile_operations"),
            Call.Types.Type.Message => Require(call.Message, "message"),
            Call.Types.Type.Request => Require(call.Request, "request"),
            Call.Types.Type.UpdateFramework => Require(call.UpdateFramework, "update_framework")
                ?? (Equals(call.FrameworkId, call.UpdateFramework.FrameworkInfo.Id)
                    ? null
                    : "'framework_id' differs from 'update_framework.framework_info.id'"),
            _ => null,
        };
    }

    /// <returns>Null when the FrameworkInfo may subscribe, otherwise the message of the ERROR event.</returns>
    public static string? ValidateFrameworkInfo(FrameworkInfo info, bool allowRoot)
    {
        ArgumentNullException.ThrowIfNull(info);
        var multiRole = info.Capabilities.Any(c => c.Type == FrameworkInfo.Types.Capability.Types.Type.MultiRole);
#pragma warning disable CS0612 // the deprecated single-role field is part of what is validated
        var hasRole = info.HasRole;
#pragma warning restore CS0612
        if (multiRole && hasRole)
        {
            return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
        }

        if (!multiRole && info.Roles.Count > 0)
        {
            return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
        }

        if (info.Roles.Distinct(StringComparer.Ordinal).Count() != info.Roles.Count)
        {
            return "'FrameworkInfo.roles' contains duplicate items";
        }

        if (info.Roles.Any(string.IsNullOrEmpty))
        {
            return "Role name cannot be empty";
        }

        if (double.IsNaN(info.FailoverTimeout) || double.IsInfinity(info.FailoverTimeout)
            || Math.Abs(info.FailoverTimeout) > long.MaxValue / 1e9)
        {
            return $"The framework failover_timeout ({info.FailoverTimeout}) is invalid";
        }

        if (!allowRoot && info.User == "root")
        {
            return "User 'root' is not allowed to run frameworks without --root_submissions set";
        }

        return null;
    }

    private static string? Require(object? subMessage, string field) =>
        subMessage is null ? $"Expecting '{field}' to be present" : null;
}
