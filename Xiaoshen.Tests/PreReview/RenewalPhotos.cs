using SkiaSharp;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// Photos of the three documents a food-licence renewal (sp-license-renew) asks for, rendered with known text: the food
/// licence expired on 30 June 2026 and names the company differently from the business licence. The licences carry a
/// red seal; the ID card is a slightly turned JPEG, as a phone takes it.
/// </summary>
internal static class RenewalPhotos
{
    public const string IdNumber = "310101199003071230";

    public static byte[] FoodLicence => Sealed(new("食品经营许可证", ["食品经营许可证", "许可证编号 JY13101170012345", "经营者名称 上海小申餐饮有限公司", "法定代表人（负责人） 李晓华", "有效期至 2026年06月30日"]));

    public static byte[] BusinessLicence => Sealed(new("营业执照", ["营业执照", "统一社会信用代码 91310117MA1J3KXQ5T", "名称 上海小申餐饮管理有限公司", "法定代表人 李晓华", "营业期限 2019年05月20日至2039年05月19日"]));

    public static byte[] IdCard => new RenderedDocument("居民身份证", ["姓名 李晓华", "性别 女  民族 汉", $"公民身份号码 {IdNumber}"]).Render(new Distortion("phone", 2, 8, 80));

    // A red round seal stamped at the lower right, as licences carry.
    private static byte[] Sealed(RenderedDocument document)
    {
        using var bitmap = SKBitmap.Decode(document.Render(Distortion.Clean));
        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = new SKColor(220, 30, 30), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10 })
        {
            canvas.DrawCircle(bitmap.Width - 110, bitmap.Height - 90, 70, ink);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
