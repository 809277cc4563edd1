#pragma once
// The Chinese web-map offsets, built in (PROJ declined them, PROJ issue 982):
// - GCJ-02 ("Mars coordinates", Amap, Tencent): WGS84 lon/lat plus a published, non-linear
//   offset of a few hundred metres inside mainland China's box, none outside it;
// - BD-09 (Baidu): a further offset on top of GCJ-02.
// Forward formulas are the published ones (Krasovsky 1940 ellipsoid constants). The inverses
// are exact by fixed-point iteration to below a millimetre, not the one-step approximations
// peers ship. CGCS2000 and WGS84 differ by centimetres and are treated alike here.

namespace urbangis::offsets {

struct LonLat {
  double lon = 0, lat = 0;
};

// The box the offset applies in: 72.004–137.8347 E, 0.8293–55.8271 N. Outside it the
// forward offset is the identity, so the offset jumps by up to ~0.6 km at the box's edge.
bool outsideMainland(LonLat p);

LonLat wgs84ToGcj02(LonLat wgs84);
LonLat gcj02ToBd09(LonLat gcj02);
LonLat wgs84ToBd09(LonLat wgs84);

// Inverses by iteration until the forward image is within 1e-10° (~0.01 mm) of the input;
// `iterations`, when given, receives how many it took (0 outside the box). Near the box's
// edge a point may have no exact pre-image: the last iterate is returned.
LonLat gcj02ToWgs84(LonLat gcj02, int* iterations = nullptr);
LonLat bd09ToGcj02(LonLat bd09, int* iterations = nullptr);
LonLat bd09ToWgs84(LonLat bd09, int* iterations = nullptr);

// The one-step inverse many libraries ship (gcj - (forward(gcj) - gcj)), kept only so tests
// and docs can show how far off it is.
LonLat gcj02ToWgs84OneStep(LonLat gcj02);

}  // namespace urbangis::offsets
