using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter, e.g.
//   dotnet run -c Release --project tests/RelayMesos.Benchmarks -- --filter '*ActorThroughput*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
