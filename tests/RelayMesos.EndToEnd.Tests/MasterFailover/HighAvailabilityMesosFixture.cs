using RelayMesos.TestKit;
using RelayMesos.TestKit.Mesos;

namespace RelayMesos.EndToEnd.Tests.MasterFailover;

/// <summary>
/// One real Apache Mesos for a test class: three masters electing a leader through ZooKeeper, two agents, and HTTP basic
/// authentication of schedulers (<c>--authenticate_http_frameworks</c>, <c>--http_framework_authenticators=basic</c>,
/// <c>--credentials</c>), as a production cluster runs. start-mesos passes its environment on to the masters, which read
/// their flags from <c>MESOS_*</c> variables; the agents ignore the master-only ones.
/// </summary>
public sealed class HighAvailabilityMesosFixture : IAsyncLifetime
{
    public const string Principal = "relay";

    /// <summary>Distinctive, so a test can search every log line for it.</summary>
    public const string Secret = "hunter2-ha-secret";

    private readonly string _folder = Directory.CreateTempSubdirectory("relay-mesos-ha-").FullName;
    private RealMesosCluster? _cluster;

    public RealMesosCluster Cluster => _cluster ?? throw new InvalidOperationException("The Mesos cluster is not started.");

    /// <summary>The file relay.mesos.framework.secret-file names: the right secret.</summary>
    public string SecretFile => Path.Combine(_folder, "secret");

    /// <summary>Bounds on waiting for an election, a subscription, a task: generous, stretched by the time factor.</summary>
    public static TimeSpan Patience { get; } = TestTimeFactor.Dilate(TimeSpan.FromSeconds(60));

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(SecretFile, Secret + "\n");
        var credentials = Path.Combine(_folder, "credentials.json");
        await File.WriteAllTextAsync(credentials, $$"""{"credentials":[{"principal":"{{Principal}}","secret":"{{Secret}}"}]}""");
        _cluster = await RealMesosCluster.StartAsync(
            agents: 2,
            masters: 3,
            flags: new Dictionary<string, string>
            {
                ["MESOS_AUTHENTICATE_HTTP_FRAMEWORKS"] = "true",
                ["MESOS_HTTP_FRAMEWORK_AUTHENTICATORS"] = "basic",
                ["MESOS_CREDENTIALS"] = credentials,
            });
    }

    /// <summary>Starts a master that a test killed again, and waits until it answers (as leader or follower).</summary>
    public async Task RestartMasterAsync(int index)
    {
        Cluster.RestartMaster(index);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Cluster.Masters[index], "master/state"));
                if ((int)response.StatusCode is 200 or 307)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"master {index} did not answer after its restart.\n{Cluster.Tail()}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
