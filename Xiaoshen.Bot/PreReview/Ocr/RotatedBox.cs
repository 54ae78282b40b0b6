namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>A text region: a rectangle of <paramref name="Width"/> x <paramref name="Height"/> centred on (<paramref name="CenterX"/>, <paramref name="CenterY"/>), turned by <paramref name="Angle"/> radians (within ±45°, width along the angle).</summary>
internal readonly record struct RotatedBox(double CenterX, double CenterY, double Width, double Height, double Angle)
{
    /// <summary>The axis-aligned box around it, clipped to the image.</summary>
    public OcrBox Bounds(int imageWidth, int imageHeight)
    {
        var (cos, sin) = (Math.Abs(Math.Cos(Angle)), Math.Abs(Math.Sin(Angle)));
        var halfWidth = ((Width * cos) + (Height * sin)) / 2;
        var halfHeight = ((Width * sin) + (Height * cos)) / 2;
        var left = (int)Math.Max(0, Math.Floor(CenterX - halfWidth));
        var top = (int)Math.Max(0, Math.Floor(CenterY - halfHeight));
        var right = (int)Math.Min(imageWidth, Math.Ceiling(CenterX + halfWidth));
        var bottom = (int)Math.Min(imageHeight, Math.Ceiling(CenterY + halfHeight));
        return new OcrBox(left, top, Math.Max(0, right - left), Math.Max(0, bottom - top));
    }

    /// <summary>
    /// The smallest rectangle around <paramref name="points"/> (rotating calipers over their convex hull), turned so its
    /// angle is within ±45°; null when fewer than three distinct points.
    /// </summary>
    public static RotatedBox? Around(List<(int X, int Y)> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count < 3)
        {
            return null;
        }

        RotatedBox? best = null;
        var bestArea = double.MaxValue;
        for (var i = 0; i < hull.Count; i++)
        {
            var (ax, ay) = hull[i];
            var (bx, by) = hull[(i + 1) % hull.Count];
            var length = Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay)));
            if (length == 0)
            {
                continue;
            }

            var (ux, uy) = ((bx - ax) / length, (by - ay) / length);
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var (px, py) in hull)
            {
                var u = (px * ux) + (py * uy);
                var v = (-px * uy) + (py * ux);
                (minU, maxU, minV, maxV) = (Math.Min(minU, u), Math.Max(maxU, u), Math.Min(minV, v), Math.Max(maxV, v));
            }

            var area = (maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                var (cu, cv) = ((minU + maxU) / 2, (minV + maxV) / 2);
                best = Normalised(new RotatedBox((cu * ux) - (cv * uy), (cu * uy) + (cv * ux), maxU - minU, maxV - minV, Math.Atan2(uy, ux)));
            }
        }

        return best;
    }

    /// <summary>The same rectangle grown by <paramref name="distance"/> on every side.</summary>
    public RotatedBox Grown(double distance) => this with { Width = Width + (2 * distance), Height = Height + (2 * distance) };

    // Pixels are cells: a region of pixel centres spans one pixel more each way.
    public RotatedBox AsCells() => this with { Width = Width + 1, Height = Height + 1 };

    private static RotatedBox Normalised(RotatedBox box)
    {
        var angle = box.Angle;
        var (width, height) = (box.Width, box.Height);
        while (angle > Math.PI / 4)
        {
            angle -= Math.PI / 2;
            (width, height) = (height, width);
        }

        while (angle <= -Math.PI / 4)
        {
            angle += Math.PI / 2;
            (width, height) = (height, width);
        }

        return box with { Width = width, Height = height, Angle = angle };
    }

    // Andrew's monotone chain.
    private static List<(int X, int Y)> ConvexHull(List<(int X, int Y)> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        static long Cross((int X, int Y) o, (int X, int Y) a, (int X, int Y) b) =>
            ((long)(a.X - o.X) * (b.Y - o.Y)) - ((long)(a.Y - o.Y) * (b.X - o.X));

        var hull = new List<(int X, int Y)>(sorted.Count * 2);
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }
}
