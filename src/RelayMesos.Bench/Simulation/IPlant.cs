namespace RelayMesos.Control.Simulation;

/// <summary>A simulated cluster and workload, owned by one simulation run.</summary>
internal interface IPlant
{
    double Time { get; }

    double Metric { get; }

    int Launches { get; }

    /// <summary>Seconds our tasks lived, summed over tasks.</summary>
    double TaskSeconds { get; }

    /// <summary>The most tasks of ours alive at once.</summary>
    int Peak { get; }

    /// <summary>∫|target − metric| dt measured inside the plant, where it changes between samples; null: use the samples.</summary>
    double? IntegratedError { get; }

    /// <summary>What the framework would report as starved at this moment, when the plant models its offer cycle; null: <see cref="Apply"/>'s answer stands.</summary>
    bool? DemandStarved => null;

    /// <summary>Items that have arrived so far (a cumulative counter, as a queue publishes it); null: the plant has no inflow signal.</summary>
    long? Arrived => null;

    int Count(bool warmer, bool effective);

    /// <summary>Carries out MV; returns how many tasks were launched or killed and whether offers ran short.</summary>
    (int Applied, bool Starved) Apply(int mv);

    /// <summary>One step of <see cref="Scenario.StepSeconds"/>.</summary>
    void Advance();
}
