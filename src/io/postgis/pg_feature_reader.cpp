#include "io/postgis/pg_feature_reader.h"

#include <cpl_conv.h>
#include <cpl_string.h>

#include "core/error.h"
#include "io/filter/filter_expression.h"

namespace urbangis {
namespace {

constexpr int kBatchRows = 1000;  // rows per FETCH: memory stays small however large the table

// bytea as text ("\x0101…", bytea_output = hex, set below) to its bytes.
std::vector<GByte> byteaBytes(const std::string& text) {
  std::vector<GByte> bytes;
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x') return bytes;
  int length = 0;
  GByte* raw = CPLHexToBinary(text.c_str() + 2, &length);
  bytes.assign(raw, raw + length);
  CPLFree(raw);
  return bytes;
}

bool isBoolean(const OGRFieldDefn& field) {
  return field.GetType() == OFTInteger && (field.GetSubType() == OFSTBoolean || field.GetWidth() == 1);
}

}  // namespace

std::string PgFeatureReader::unsupported(OGRLayer& layer) {
  if (std::string(layer.GetFIDColumn()).empty()) return "the table has no integer primary key for OGR's feature ids";
  OGRFeatureDefn& definition = *layer.GetLayerDefn();
  for (int i = 0; i < definition.GetGeomFieldCount(); ++i)
    if (std::string(definition.GetGeomFieldDefn(i)->GetNameRef()).empty()) return "a geometry column has no name";
  for (int i = 0; i < definition.GetFieldCount(); ++i) {
    const OGRFieldDefn& field = *definition.GetFieldDefn(i);
    switch (field.GetType()) {
      case OFTInteger:
      case OFTInteger64:
      case OFTReal:
      case OFTString:
      case OFTDate:
      case OFTTime:
      case OFTDateTime:
      case OFTBinary:
        break;
      default:
        return "field \"" + std::string(field.GetNameRef()) + "\" is a " +
               OGRFieldDefn::GetFieldTypeName(field.GetType());
    }
  }
  return {};
}

PgFeatureReader::PgFeatureReader(PgConnection connection, const std::string& table, OGRLayer& layer,
                                 const std::string& where, const std::vector<PgParam>& parameters,
                                 const std::string& what)
    : db_(std::move(connection)), definition_(*layer.GetLayerDefn()), what_(what) {
  const std::string fid = quoteIdentifier(layer.GetFIDColumn());
  std::string columns = fid;
  for (int i = 0; i < definition_.GetGeomFieldCount(); ++i)
    columns += ", ST_AsBinary(" + quoteIdentifier(definition_.GetGeomFieldDefn(i)->GetNameRef()) + ")";
  for (int i = 0; i < definition_.GetFieldCount(); ++i)
    columns += ", " + quoteIdentifier(definition_.GetFieldDefn(i)->GetNameRef());
  // Text as UTF-8 and bytea as hex, whatever the server's defaults: what OGR reads too.
  db_.exec("SET client_encoding = 'UTF8'", {}, what_);
  db_.exec("SET bytea_output = 'hex'", {}, what_);
  db_.exec("BEGIN READ ONLY", {}, what_);  // a cursor lives in a transaction
  db_.exec("DECLARE urbangis_where NO SCROLL CURSOR FOR SELECT " + columns + " FROM " + table + " WHERE " + where +
               " ORDER BY " + fid,
           parameters, what_);
}

OGRFeatureUniquePtr PgFeatureReader::next() {
  if (finished_) return nullptr;
  if (!batch_ || row_ == batch_->rows()) {
    batch_.emplace(db_.exec("FETCH FORWARD " + std::to_string(kBatchRows) + " FROM urbangis_where", {}, what_));
    row_ = 0;
    if (batch_->rows() == 0) {
      finished_ = true;
      batch_.reset();
      db_.exec("COMMIT", {}, what_);
      return nullptr;
    }
  }
  ++rowsRead_;
  return featureOf(*batch_, row_++);
}

// As GDAL's OGRPGLayer::RecordToFeature does with text results.
OGRFeatureUniquePtr PgFeatureReader::featureOf(const PgResult& batch, int row) const {
  OGRFeatureUniquePtr feature(new OGRFeature(&definition_));
  feature->SetFID(CPLAtoGIntBig(batch.text(row, 0).c_str()));
  int column = 1;
  for (int i = 0; i < definition_.GetGeomFieldCount(); ++i, ++column) {
    if (batch.isNull(row, column)) continue;
    const std::vector<GByte> wkb = byteaBytes(batch.text(row, column));
    OGRGeometry* geometry = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size(), wkbVariantOldOgc) !=
            OGRERR_NONE ||
        !geometry)
      throw InputError(db_.source() + ": " + what_ + ": feature " + std::to_string(feature->GetFID()) +
                       " has a geometry OGR cannot read");
    geometry->assignSpatialReference(definition_.GetGeomFieldDefn(i)->GetSpatialRef());
    feature->SetGeomFieldDirectly(i, geometry);
  }
  for (int i = 0; i < definition_.GetFieldCount(); ++i, ++column) {
    if (batch.isNull(row, column)) {
      feature->SetFieldNull(i);
      continue;
    }
    const std::string text = batch.text(row, column);
    const OGRFieldDefn& field = *definition_.GetFieldDefn(i);
    switch (field.GetType()) {
      case OFTReal:
        feature->SetField(i, CPLAtof(text.c_str()));
        break;
      case OFTDate:
      case OFTTime:
      case OFTDateTime: {
        OGRField value;
        if (OGRParseDate(text.c_str(), &value, 0)) feature->SetField(i, &value);
        break;
      }
      case OFTBinary: {
        const std::vector<GByte> bytes = byteaBytes(text);
        feature->SetField(i, static_cast<int>(bytes.size()), bytes.data());
        break;
      }
      default:
        if (isBoolean(field) && (text[0] == 't' || text[0] == 'T' || text[0] == 'f' || text[0] == 'F'))
          feature->SetField(i, text[0] == 't' || text[0] == 'T' ? 1 : 0);
        else
          feature->SetField(i, text.c_str());
    }
  }
  return feature;
}

}  // namespace urbangis
