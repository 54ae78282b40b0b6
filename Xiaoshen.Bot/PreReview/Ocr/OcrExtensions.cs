namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>Registers offline OCR: its options and the engine (the web host and the <c>ocr</c> verb both use it).</summary>
internal static class OcrExtensions
{
    public static IHostApplicationBuilder AddOcr(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OcrOptions>()
            .BindConfiguration(OcrOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OcrEngine>();
        return builder;
    }
}
