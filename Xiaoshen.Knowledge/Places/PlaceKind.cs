namespace Xiaoshen.Knowledge.Places;

/// <summary>What kind of place a name refers to.</summary>
public enum PlaceKind
{
    /// <summary>A province, municipality or autonomous region (省级).</summary>
    Province,

    /// <summary>A prefecture-level city, prefecture, league or autonomous prefecture (地级).</summary>
    City,

    /// <summary>A county-level division: district, county, county-level city, banner (县级).</summary>
    County,

    /// <summary>A town, township or street (乡级); only Shanghai's are known.</summary>
    Town,

    /// <summary>Hong Kong, Macao, Taiwan and their districts.</summary>
    SpecialRegion,

    /// <summary>A foreign country.</summary>
    Foreign,

    /// <summary>A colloquial short form or region from <c>places.yaml</c> (深户, 东北).</summary>
    Colloquial,
}
