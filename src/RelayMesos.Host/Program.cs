using RelayMesos.Host.Cli;

return await RelayMesosCli.RunAsync(args);
