using RelayMesos.Host.Cli;

// The thread pool starts with one thread per core and adds more slowly while work waits. At start-up (journal recovery,
// Kestrel, remoting, the first subscription) a 2-core machine under load left Akka's heartbeat replies queued for
// seconds, and the other members marked a healthy leader unreachable. Threads ready up front cost only their stacks.
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(completionPorts, 16));

return await RelayMesosCli.RunAsync(args);
