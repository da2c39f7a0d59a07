using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelayMesos.Bench;

/// <summary>
/// The real plant of <c>relay-mesos bench plant</c>: a queue on loopback HTTP. Items arrive at the given times
/// from the first <c>GET /depth</c> after <see cref="Arm"/> on (the bench arms it once the framework has subscribed
/// to Mesos: a sample taken before that cannot launch anything, and a slow start-up would otherwise pile a
/// burst up that no algorithm could answer); consumers take them one at a time and say when they start and stop,
/// which is how launches, worker-seconds and the peak are counted without asking the framework. <c>GET /arrived</c> is the
/// items that have arrived so far, a counter an inflow source can difference. Every consumer's
/// hello, first and last item and bye are kept, so that the simulator's consumer can be sized from them.
/// </summary>
internal sealed class QueuePlantServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<double> _arrivals;
    private readonly double _duration;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<int> _alive = [];
    private readonly Dictionary<int, ConsumerLife> _lives = [];
    private readonly List<QueueSample> _samples = [];
    private bool _armed;
    private Task? _serving;
    private Task? _ticking;
    private int _nextArrival;
    private int _depth;
    private int _nextConsumer;
    private double _lastTick;
    private double _iae;
    private double _workerSeconds;
    private int _launches;
    private int _peak;
    private int _served;

    public QueuePlantServer(IReadOnlyList<double> arrivals, double duration)
    {
        _arrivals = arrivals;
        _duration = duration;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    /// <summary>Completes at the first sample of the queue's depth: the run's clock starts there.</summary>
    public Task Started => _started.Task;

    /// <summary>Completes when the run's duration has passed since <see cref="Started"/>.</summary>
    public Task Finished => _finished.Task;

    /// <summary>From now on, the next sample of the depth starts the run's clock.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _armed = true;
        }
    }

    /// <summary>Every consumer that said hello during the run, in seconds of the run's clock.</summary>
    public IReadOnlyList<ConsumerLife> Lives()
    {
        lock (_gate)
        {
            return [.. _lives.Values];
        }
    }

    /// <summary>The depth and the live consumers every 0.1 s of the run's clock: where a run's IAE came from.</summary>
    public IReadOnlyList<QueueSample> Samples()
    {
        lock (_gate)
        {
            return [.. _samples];
        }
    }

    public void Start()
    {
        _listener.Start();
        _serving = Task.Run(ServeAsync);
        _ticking = Task.Run(TickAsync);
    }

    /// <summary>The run's figures, frozen at the end of its duration.</summary>
    public PlantRunFigures Figures()
    {
        lock (_gate)
        {
            return new PlantRunFigures(_iae, _launches, _workerSeconds, _peak, _served, _depth);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        foreach (var task in new[] { _serving, _ticking })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var body = Answer(context.Request.Url?.AbsolutePath ?? "/", context.Request.QueryString["id"]);
            var bytes = Encoding.ASCII.GetBytes(body);
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = bytes.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // A consumer killed mid-request; nothing to answer.
            }
        }
    }

    private string Answer(string path, string? id)
    {
        lock (_gate)
        {
            switch (path)
            {
                case "/depth":
                    if (_armed && !_clock.IsRunning)
                    {
                        _clock.Start();
                        _started.TrySetResult();
                    }

                    return _depth.ToString(CultureInfo.InvariantCulture);
                case "/take" when _depth > 0:
                    _depth--;
                    _served++;
                    if (int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var taker) && _lives.TryGetValue(taker, out var life))
                    {
                        _lives[taker] = life with { FirstItem = life.FirstItem ?? Now(), LastItem = Now(), Items = life.Items + 1 };
                    }

                    return "1";
                case "/take":
                    return "0";
                case "/arrived":
                    // The inflow as a queue publishes it: a cumulative count of arrivals (relay.inflow.kind = counter).
                    return _nextArrival.ToString(CultureInfo.InvariantCulture);
                case "/hello":
                    var consumer = ++_nextConsumer;
                    _alive.Add(consumer);
                    if (_clock.IsRunning && !_finished.Task.IsCompleted)
                    {
                        _launches++;
                        _peak = Math.Max(_peak, _alive.Count);
                        _lives[consumer] = new ConsumerLife(consumer, Now(), null, null, 0, null);
                    }

                    return consumer.ToString(CultureInfo.InvariantCulture);
                case "/bye":
                    if (int.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var gone))
                    {
                        _alive.Remove(gone);
                        if (_lives.TryGetValue(gone, out var ended))
                        {
                            _lives[gone] = ended with { Bye = Now() };
                        }
                    }

                    return "ok";
                default:
                    return "unknown";
            }
        }
    }

    /// <summary>Releases the arrivals that are due and integrates depth and live consumers over time.</summary>
    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                lock (_gate)
                {
                    if (!_clock.IsRunning || _finished.Task.IsCompleted)
                    {
                        continue;
                    }

                    var now = Math.Min(_clock.Elapsed.TotalSeconds, _duration);
                    var dt = now - _lastTick;
                    _iae += _depth * dt;
                    _workerSeconds += _alive.Count * dt;
                    _lastTick = now;
                    while (_nextArrival < _arrivals.Count && _arrivals[_nextArrival] <= now)
                    {
                        _depth++;
                        _nextArrival++;
                    }

                    if (_samples.Count == 0 || now - _samples[^1].At >= 0.1)
                    {
                        _samples.Add(new QueueSample(now, _depth, _alive.Count));
                    }

                    if (now >= _duration)
                    {
                        _finished.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private double Now() => _clock.Elapsed.TotalSeconds;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
