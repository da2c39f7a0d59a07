using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Framework.Actors;

/// <summary>Operator actions: pause/resume and a target override, journaled so a new leader honours them.</summary>
public sealed partial class RelayController
{
    private bool _paused;
    private double? _targetOverride;

    private void RecoverOperatorEvents()
    {
        Recover<ControllerPaused>(e =>
        {
            _paused = e.Paused;
            _stepsSinceSnapshot++;
        });
        Recover<TargetOverridden>(e =>
        {
            _targetOverride = e.Target;
            _stepsSinceSnapshot++;
        });
    }

    private void HandleOperatorActions()
    {
        Command<PauseController>(_ => ChangePause(true));
        Command<ResumeController>(_ => ChangePause(false));
        Command<OverrideTarget>(OnOverrideTarget);
        Command<GetOperatorState>(_ => Sender.Tell(CurrentOperatorState(), Self));
    }

    private void ChangePause(bool paused)
    {
        var requester = Sender;
        if (_paused == paused)
        {
            requester.Tell(CurrentOperatorState(), Self);
            return;
        }

        Persist(new ControllerPaused(paused), e =>
        {
            _paused = e.Paused;
            if (_paused)
            {
                // Demand nothing at once rather than at the next sample: pausing must stop launches now.
                Act(0, _state.Steps);
            }

            if (_paused)
            {
                _logger.LogWarning("Controller paused by an operator: no steps, demand 0.");
            }
            else
            {
                _logger.LogWarning("Controller resumed by an operator.");
            }

            Answer(requester);
        });
    }

    private void OnOverrideTarget(OverrideTarget command)
    {
        var requester = Sender;
        if (command.Target is { } value && !double.IsFinite(value))
        {
            requester.Tell(new Status.Failure(new ArgumentOutOfRangeException(nameof(command), value, "The target must be a finite number.")), Self);
            return;
        }

        Persist(new TargetOverridden(command.Target), e =>
        {
            _targetOverride = e.Target;
            if (_targetOverride is { } target)
            {
                _logger.LogWarning("Target overridden by an operator: SP = {Target}.", target);
            }
            else
            {
                _logger.LogWarning("Target override cleared by an operator; the sampled SP applies again.");
            }

            Answer(requester);
        });
    }

    private void Answer(IActorRef requester)
    {
        requester.Tell(CurrentOperatorState(), Self);
        AnnounceOperatorState();
        if (++_stepsSinceSnapshot >= _framework.SnapshotEvery)
        {
            SaveControllerSnapshot();
        }
    }

    private void AnnounceOperatorState() => Context.System.EventStream.Publish(CurrentOperatorState());

    private OperatorState CurrentOperatorState() => new(_paused, _targetOverride, _framework.Loop);
}
