using BenchmarkDotNet.Running;
using Xiaoshen.Benchmarks;

// `scale [factors…]` runs the synthetic scale driver, `load [concurrency] [turns]` the Bot Framework load run,
// `nodes [concurrency] [turns] [conversations] [exchanges] [all|turns|relay[:pause seconds]|across:pause seconds] [Section:Key=value…]`
// issue 13's one node / two nodes / PostgreSQL figures and the relay across nodes (with a pause: also with citizens pausing
// that long between messages; `across`: only that row; XIAOSHEN_RELAY_LOG=file appends each timed exchange, its start and
// milliseconds, to see when the slow ones happened),
// `websockets [connections] [messages]` the web chat connection run, `relay [conversations] [exchanges]` the handoff relay,
// `nasty [repetitions] [length] [beyond]` messages made to be expensive to analyse, `flood [streams] [conversations]
// [big activities] [KB each] [Section:Key=value…]` what one client can make the service hold, `reports [episodes]
// [sqlite|postgres] [seed | existing SQLite file or PostgreSQL database] [Section:Key=value…]` the supervisors' reports on a large store,
// `rebuild [rebuilds] [folder to keep the last build in]` full rebuilds with training one after another (wall, CPU and
// per-step times), `rebuild-after-start [rebuilds] [index folder] [no-warm-up]` an editor's rebuilds in a service that
// started on the build stored there (run it twice: the first run builds it); anything else goes to
// BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "scale")
{
    var factors = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [1, 10, 100];
    ScaleRun.Run(Console.Out, factors);
    return;
}

if (args.Length > 0 && args[0] == "rebuild")
{
    await RebuildRun.RunAsync(Console.Out, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length > 1 && args[0] == "rebuild-after-start")
{
    await RebuildRun.RunAfterStartAsync(Console.Out, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "xiaoshen-bench", "stored"), warmUp: args.Length <= 3 || args[3] != "no-warm-up");
    return;
}

if (args.Length > 0 && args[0] == "reports")
{
    var episodes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    var settings = args.Skip(4).Select(a => a.Split('=', 2)).Select(p => (p[0], p[1])).ToList();
    await ReportsRun.RunAsync(Console.Out, episodes, args.Length > 2 ? args[2] : "sqlite", args.Length > 3 ? args[3] : null, settings);
    return;
}

if (args.Length > 0 && args[0] == "load")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
    var requests = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    await LoadRun.RunAsync(Console.Out, concurrency, requests);
    return;
}

if (args.Length > 0 && args[0] == "storage")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
    var requests = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    await StorageRun.RunAsync(Console.Out, concurrency, requests);
    return;
}

if (args.Length > 0 && args[0] == "websockets")
{
    var connections = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    var messages = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    await WebSocketLoadRun.RunAsync(Console.Out, connections, messages, concurrency: 16);
    return;
}

if (args.Length > 0 && args[0] == "relay")
{
    var conversations = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var exchanges = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
    await RelayRun.RunAsync(Console.Out, conversations, exchanges);
    return;
}

if (args.Length > 0 && args[0] == "nodes")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
    var requests = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    var conversations = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50;
    var exchanges = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 10;
    var part = (args.Length > 5 ? args[5] : "all").Split(':');
    var pause = TimeSpan.FromSeconds(part.Length > 1 ? double.Parse(part[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
    var settings = args.Skip(6).Select(a => a.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToArray();
    await NodesRun.RunAsync(Console.Out, concurrency, requests, conversations, exchanges, part[0], pause, settings);
    return;
}

if (args.Length > 0 && args[0] == "nasty")
{
    var repetitions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    var length = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    await NastyInputRun.RunAsync(Console.Out, repetitions, length, beyondCap: args.Length > 3 && args[3] == "beyond");
    return;
}

if (args.Length > 0 && args[0] == "flood")
{
    var streams = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 250;
    var conversations = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300;
    var big = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 100;
    var kilobytes = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 200;
    var settings = args.Skip(5).Select(a => a.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToArray();
    await FloodRun.RunAsync(Console.Out, streams, conversations, big, kilobytes, settings);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
