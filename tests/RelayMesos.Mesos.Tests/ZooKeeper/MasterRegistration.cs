using System.Text;
using RelayMesos.Mesos.ZooKeeper;

namespace RelayMesos.Mesos.Tests.ZooKeeper;

/// <summary>Registers fake Mesos masters the way real ones do: ephemeral sequential <c>json.info_</c> znodes.</summary>
public static class MasterRegistration
{
    public static string MasterInfoJson(string ip, int port) =>
        $$$"""{"id":"{{{Guid.NewGuid()}}}","ip":0,"port":{{{port}}},"pid":"master@{{{ip}}}:{{{port}}}","hostname":"ignored.example","version":"1.12.0","address":{"hostname":"m.example","ip":"{{{ip}}}","port":{{{port}}}}}""";

    public static async Task EnsurePathAsync(ZooKeeperClient client, string path)
    {
        try
        {
            await client.CreateAsync(path, [], ZooKeeperCreateMode.Persistent, CancellationToken.None);
        }
        catch (ZooKeeperException e) when (e.Code == ZooKeeperErrorCode.NodeExists)
        {
            // another registration made it first
        }
    }

    public static async Task<string> RegisterAsync(ZooKeeperClient client, string path, string ip, int port) =>
        await RegisterRawAsync(client, path, MasterInfoJson(ip, port));

    public static async Task<string> RegisterRawAsync(ZooKeeperClient client, string path, string data)
    {
        await EnsurePathAsync(client, path);
        return await client.CreateAsync($"{path}/json.info_", Encoding.UTF8.GetBytes(data), ZooKeeperCreateMode.EphemeralSequential, CancellationToken.None);
    }
}
