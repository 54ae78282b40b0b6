using SkiaSharp;

namespace Xiaoshen.Tests.PreReview;

/// <summary>How a rendered document is spoiled, the way a phone photo spoils a paper: turned, grainy, compressed.</summary>
/// <param name="Name">Shown in reports.</param>
/// <param name="RotationDegrees">Turned clockwise by this much around the middle.</param>
/// <param name="NoiseSigma">Standard deviation of Gaussian grain added to each channel, 0 to 255.</param>
/// <param name="JpegQuality">Encoded as JPEG at this quality (1–100), or PNG when null.</param>
public sealed record Distortion(string Name, float RotationDegrees, double NoiseSigma, int? JpegQuality)
{
    public static readonly Distortion Clean = new("clean", 0, 0, null);

    /// <summary>The set the accuracy figures in docs/quality.md (offline OCR) are measured on.</summary>
    public static readonly IReadOnlyList<Distortion> All =
    [
        Clean,
        new("noise σ=25", 0, 25, null),
        new("rotation 4°", 4, 0, null),
        new("JPEG q=20", 0, 0, 20),
        new("bad phone (7°, σ=45, q=12)", 7, 45, 12),
    ];
}

/// <summary>
/// A document with known text drawn in Noto Sans CJK SC (Debian fonts-noto-cjk), so OCR can be measured against what is
/// really on the page. Deterministic: the grain comes from a seeded generator.
/// </summary>
public sealed record RenderedDocument(string Name, IReadOnlyList<string> Lines)
{
    internal const string FontFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    private const float FontSize = 34;
    private const float LineHeight = 64;
    private const float Margin = 48;

    private static readonly Lazy<SKTypeface> Typeface = new(LoadTypeface);

    /// <summary>Identity card, business licence, food licence, lease, health certificate, application: the kinds pre-review reads.</summary>
    public static readonly IReadOnlyList<RenderedDocument> Set =
    [
        new("居民身份证", ["姓名 张伟明", "性别 男  民族 汉", "出生 1990年3月7日", "住址 上海市黄浦区南京东路100号", "公民身份号码 310101199003071230"]),
        new("营业执照", ["营业执照", "统一社会信用代码 91310117MA1J3KXQ5B", "名称 上海小申餐饮管理有限公司", "类型 有限责任公司（自然人投资或控股）", "法定代表人 李晓华", "成立日期 2019年05月20日", "住所 上海市松江区广富林路658号"]),
        new("食品经营许可证", ["食品经营许可证", "许可证编号 JY13101170012345", "经营者名称 上海小申餐饮管理有限公司", "经营场所 上海市松江区广富林路658号", "主体业态 餐饮服务经营者", "有效期至 2029年11月30日"]),
        new("房屋租赁合同", ["房屋租赁合同", "出租方 上海印象城商业管理有限公司", "承租方 上海小申餐饮管理有限公司", "租赁期限 自2024年1月1日起至2028年12月31日止", "房屋用途 商业（餐饮）"]),
        new("健康证明", ["从业人员健康证明", "姓名 王芳  性别 女", "体检日期 2025年06月18日", "有效期至 2026年06月17日", "发证机构 松江区疾病预防控制中心"]),
        new("申请书", ["食品经营许可申请书", "申请人 陈建国", "联系电话 13812345678", "申请事项 食品经营许可证新办", "日期 2025年9月1日"]),
    ];

    /// <summary>The text as a reader would copy it, without spaces: what character accuracy is measured against.</summary>
    public string Expected => string.Concat(Lines.Select(l => l.Replace(" ", string.Empty, StringComparison.Ordinal)));

    /// <summary>Draws the document black on white and spoils it as <paramref name="distortion"/> says; PNG or JPEG bytes.</summary>
    public byte[] Render(Distortion distortion, int seed = 16)
    {
        using var font = new SKFont(Typeface.Value, FontSize);
        var width = (int)(Lines.Max(l => font.MeasureText(l)) + (2 * Margin));
        var height = (int)((Lines.Count * LineHeight) + (2 * Margin));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.RotateDegrees(distortion.RotationDegrees, width / 2f, height / 2f);
        using var ink = new SKPaint { Color = new SKColor(20, 20, 30), IsAntialias = true };
        for (var i = 0; i < Lines.Count; i++)
        {
            canvas.DrawText(Lines[i], Margin, Margin + (i * LineHeight) + FontSize, SKTextAlign.Left, font, ink);
        }

        using var image = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(image);
        AddGrain(bitmap, distortion.NoiseSigma, seed);
        using var data = distortion.JpegQuality is { } quality
            ? bitmap.Encode(SKEncodedImageFormat.Jpeg, quality)
            : bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void AddGrain(SKBitmap bitmap, double sigma, int seed)
    {
        if (sigma <= 0)
        {
            return;
        }

        var random = new Random(seed);
        var pixels = bitmap.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            pixels[i] = new SKColor(Grain(p.Red), Grain(p.Green), Grain(p.Blue), p.Alpha);
        }

        bitmap.Pixels = pixels;

        byte Grain(byte value)
        {
            // Box–Muller: one normal sample per channel.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return (byte)Math.Clamp(value + (normal * sigma), 0, 255);
        }
    }

    private static SKTypeface LoadTypeface()
    {
        // The collection holds the JP, KR, SC, TC and HK faces; simplified Chinese is the one wanted.
        for (var index = 0; index < 16; index++)
        {
            var face = SKTypeface.FromFile(FontFile, index);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName == "Noto Sans CJK SC")
            {
                return face;
            }

            face.Dispose();
        }

        throw new InvalidOperationException($"Noto Sans CJK SC was not found in {FontFile}: install the Debian package fonts-noto-cjk (.ci/run does).");
    }
}
