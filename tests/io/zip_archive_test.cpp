// io::read_zip: the files of an uploaded ZIP, read in memory with minizip. The archives are written
// here with GDAL's /vsizip/ writer: another implementation than the reader under test.
#include "io/zip_archive.hpp"

#include <cpl_vsi.h>
#include <gdal.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "model/error.hpp"

namespace gw::io {
namespace {

// A ZIP of the given (path in the archive, content) pairs, as bytes.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
  GDALAllRegister();
  static int counter = 0;
  const std::string zip = "/vsimem/zip_archive_test_" + std::to_string(counter++) + ".zip";
  for (const auto& [path, content] : files) {
    std::string name = "/vsizip/";
    name += zip;
    name += '/';
    name += path;
    VSILFILE* f = VSIFOpenL(name.c_str(), "wb");
    EXPECT_NE(f, nullptr) << name;
    if (f == nullptr) return {};
    EXPECT_EQ(VSIFWriteL(content.data(), 1, content.size(), f), content.size());
    VSIFCloseL(f);
  }
  vsi_l_offset size = 0;
  GByte* data = VSIGetMemFileBuffer(zip.c_str(), &size, FALSE);
  std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  VSIUnlink(zip.c_str());
  return bytes;
}

ErrorCode code_of(const std::string& bytes, const ZipLimits& limits, std::string* message) {
  try {
    read_zip(bytes, "up.zip", limits);
  } catch (const Error& e) {
    *message = e.what();
    return e.code();
  }
  return ErrorCode::kInternal;  // no error: the callers expect one
}

TEST(ZipArchive, FilesAtTheTopLevelOrInOneFolderInTheArchivesOrder) {
  const std::string big(200000, 'x');  // deflates to almost nothing
  const auto top = read_zip(make_zip({{"scenario.json", "{}"}, {"crews.csv", big}}), "up.zip");
  ASSERT_EQ(top.size(), 2U);
  EXPECT_EQ(top[0].name, "scenario.json");
  EXPECT_EQ(top[0].content, "{}");
  EXPECT_EQ(top[1].name, "crews.csv");
  EXPECT_EQ(top[1].content, big);

  const auto folder = read_zip(make_zip({{"district/scenario.json", "{}"},
                                         {"district/hazards.geojson", "[]"},
                                         {"district/.DS_Store", "junk"},
                                         {"__MACOSX/district/._hazards.geojson", "junk"}}),
                               "up.zip");
  ASSERT_EQ(folder.size(), 2U);
  EXPECT_EQ(folder[0].name, "scenario.json");
  EXPECT_EQ(folder[1].name, "hazards.geojson");
  EXPECT_EQ(folder[1].content, "[]");
}

TEST(ZipArchive, RefusesWhatIsNotAZipAndFilesItCannotPlace) {
  std::string m;
  EXPECT_EQ(code_of("{\"name\": \"not a zip\"}", {}, &m), ErrorCode::kParse);
  EXPECT_NE(m.find("up.zip: not a ZIP archive"), std::string::npos) << m;
  const std::string zip = make_zip({{"scenario.json", std::string(5000, 'y')}});
  EXPECT_EQ(code_of(zip.substr(0, zip.size() / 2), {}, &m), ErrorCode::kParse) << m;

  EXPECT_EQ(code_of(make_zip({{"a/b/scenario.json", "{}"}}), {}, &m), ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("'a/b/scenario.json' is in nested folders"), std::string::npos) << m;
  EXPECT_EQ(code_of(make_zip({{"a/scenario.json", "{}"}, {"b/crews.csv", ""}}), {}, &m),
            ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("two folders"), std::string::npos) << m;
  EXPECT_EQ(code_of(make_zip({{"scenario.json", "{}"}, {"b/crews.csv", ""}}), {}, &m),
            ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("both at the top level and in folder 'b'"), std::string::npos) << m;
  EXPECT_EQ(code_of(make_zip({{".hidden", "x"}}), {}, &m), ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("no file"), std::string::npos) << m;
}

TEST(ZipArchive, LimitsOnFilesAndInflatedBytes) {
  std::string m;
  ZipLimits few;
  few.max_files = 2;
  EXPECT_EQ(code_of(make_zip({{"a", "1"}, {"b", "2"}, {"c", "3"}}), few, &m),
            ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("more than 2 files"), std::string::npos) << m;
  EXPECT_EQ(read_zip(make_zip({{"a", "1"}, {"b", "2"}}), "up.zip", few).size(), 2U);

  // A small archive that inflates past the limit (a ZIP bomb in miniature): refused while
  // inflating, whatever sizes the archive's directory claims.
  ZipLimits small;
  small.max_total_bytes = 3 << 20;
  const std::string bomb =
      make_zip({{"a", std::string(2 << 20, 0)}, {"b", std::string(2 << 20, 0)}});
  EXPECT_LT(bomb.size(), 50000U);
  EXPECT_EQ(code_of(bomb, small, &m), ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("more than 3 MiB once inflated"), std::string::npos) << m;
}

// Offsets of a ZIP's headers (APPNOTE.TXT 4.3.7 and 4.3.12): the general purpose flags and the
// CRC-32 of the first entry, in its local header and in the central directory.
constexpr std::size_t kLocalFlags = 6;
constexpr std::size_t kLocalCrc = 14;
constexpr std::size_t kCentralFlags = 8;
constexpr std::size_t kCentralCrc = 16;

TEST(ZipArchive, RefusesDamagedAndEncryptedEntries) {
  std::string m;
  const std::string zip = make_zip({{"scenario.json", std::string(5000, 'y')}});
  const std::size_t central = zip.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(central, std::string::npos);
  EXPECT_EQ(read_zip(zip, "up.zip").at(0).content, std::string(5000, 'y'));

  // A checksum that does not match what inflates: the bytes were damaged on the way.
  std::string bad_crc = zip;
  bad_crc[kLocalCrc] = static_cast<char>(bad_crc[kLocalCrc] ^ 0x5a);
  bad_crc[central + kCentralCrc] = bad_crc[kLocalCrc];
  EXPECT_EQ(code_of(bad_crc, {}, &m), ErrorCode::kParse);
  EXPECT_NE(m.find("'scenario.json' is damaged"), std::string::npos) << m;
  EXPECT_NE(m.find("checksum wrong"), std::string::npos) << m;

  // An encrypted entry (flag bit 0): no password is ever asked for, so it is refused by name.
  std::string encrypted = zip;
  encrypted[kLocalFlags] = static_cast<char>(encrypted[kLocalFlags] | 1);
  encrypted[central + kCentralFlags] = static_cast<char>(encrypted[central + kCentralFlags] | 1);
  EXPECT_EQ(code_of(encrypted, {}, &m), ErrorCode::kInvalidInput);
  EXPECT_NE(m.find("'scenario.json' is encrypted"), std::string::npos) << m;

  // A central directory cut short.
  EXPECT_EQ(code_of(zip.substr(0, central + 10), {}, &m), ErrorCode::kParse) << m;
}

}  // namespace
}  // namespace gw::io
