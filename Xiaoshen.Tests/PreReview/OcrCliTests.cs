using System.Text.Json;
using Xiaoshen.Tests.Cli;

namespace Xiaoshen.Tests.PreReview;

/// <summary>The <c>ocr FILE…</c> verb as staff and scripts use it: the real process, photos rendered with known text.</summary>
public sealed class OcrCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("xiaoshen-ocr-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [CjkFontFact]
    public async Task PrintsOneJsonObjectPerFileWithTheNameDateAndIdNumberOfAnIdentityCardPhoto()
    {
        var card = Write("身份证.jpg", RenderedDocument.Set[0].Render(Distortion.All[^1]));
        var licence = Write("营业执照.png", RenderedDocument.Set[1].Render(Distortion.Clean));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(_folder, "ocr", card, licence);

        Assert.True(exit == 0, stderr);
        var objects = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, objects.Length);
        using var first = JsonDocument.Parse(objects[0]);
        Assert.Equal(card, first.RootElement.GetProperty("file").GetString());
        var lines = first.RootElement.GetProperty("lines").EnumerateArray().ToList();
        var text = string.Concat(lines.Select(l => l.GetProperty("text").GetString())).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("张伟明", text, StringComparison.Ordinal);
        Assert.Contains("1990年3月7日", text, StringComparison.Ordinal);
        Assert.Contains("310101199003071230", text, StringComparison.Ordinal);
        foreach (var line in lines)
        {
            Assert.InRange(line.GetProperty("confidence").GetDouble(), 0.5, 1.0);
            var box = line.GetProperty("box").EnumerateArray().Select(b => b.GetInt32()).ToArray();
            Assert.Equal(4, box.Length);
            Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] > 0 && box[3] > 0, string.Join(',', box));
        }

        // The ID number's line is below the name's: boxes say where each line is.
        Assert.True(BoxOf(lines, "310101")[1] > BoxOf(lines, "张伟明")[1]);
        using var second = JsonDocument.Parse(objects[1]);
        Assert.Equal(licence, second.RootElement.GetProperty("file").GetString());
        Assert.Contains(second.RootElement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString()!.Contains("91310117MA1J3KXQ5B", StringComparison.Ordinal));
    }

    [CjkFontFact]
    public async Task AnUnreadableFileIsNamedOnStandardErrorExitsTwoAndTheOtherFilesAreStillRead()
    {
        var broken = Write("坏照片.jpg", "this is not an image"u8.ToArray());
        var missing = Path.Combine(_folder, "没有这个文件.jpg");
        var card = Write("身份证.png", RenderedDocument.Set[0].Render(Distortion.Clean));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(_folder, "ocr", broken, missing, card);

        Assert.Equal(2, exit);
        Assert.Contains("坏照片.jpg", stderr, StringComparison.Ordinal);
        Assert.Contains("没有这个文件.jpg", stderr, StringComparison.Ordinal);
        var objects = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var only = Assert.Single(objects);
        using var read = JsonDocument.Parse(only);
        Assert.Equal(card, read.RootElement.GetProperty("file").GetString());
        Assert.Contains(read.RootElement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString()!.Contains("张伟明", StringComparison.Ordinal));
    }

    private static int[] BoxOf(List<JsonElement> lines, string text) =>
        lines.First(l => l.GetProperty("text").GetString()!.Contains(text, StringComparison.Ordinal))
            .GetProperty("box").EnumerateArray().Select(b => b.GetInt32()).ToArray();

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
