// The files of a ZIP archive held in memory (a scenario uploaded to the server as one ZIP with its
// GIS layers), read with minizip (Debian's libminizip, zlib's contrib unzip) straight from the
// buffer: nothing is extracted to disk and an entry's path never becomes a path on this machine, so
// a hostile archive cannot write outside the data directory ("zip slip"); the limits stop an
// archive that inflates without end. No state outlives a call. (GDAL's /vsizip/, used before, kept
// the listing of every archive it had opened for the life of the process: about 0.45 KB a call.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gw::io {

struct ArchiveFile {
  std::string name;     // the entry's file name, without the folder it may sit in
  std::string content;  // its bytes, inflated
};

struct ZipLimits {
  std::size_t max_files = 256;                 // entries that are files
  std::uint64_t max_total_bytes = 2ULL << 30;  // inflated, all files together
};

// Every file of the archive `bytes`, in the archive's order. Files may sit at the top level or in
// one folder shared by all (a zipped folder); folders themselves, macOS's __MACOSX/ copies and
// names starting with '.' are skipped. Throws gw::Error: kParse when `bytes` is not a readable
// ZIP or an entry is damaged (checksum, length) or compressed other than stored or deflated;
// kInvalidInput for encrypted entries, files in nested folders, two files of one name, no file at
// all, or more files or bytes than `limits` allow. `what` names the archive in messages.
std::vector<ArchiveFile> read_zip(const std::string& bytes, const std::string& what,
                                  const ZipLimits& limits = {});

}  // namespace gw::io
