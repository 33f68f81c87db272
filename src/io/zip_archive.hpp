// The files of a ZIP archive held in memory (a scenario uploaded to the server as one ZIP with its
// GIS layers), read through GDAL's /vsizip/ virtual file system: nothing is extracted to disk and
// an entry's path never becomes a path on this machine, so a hostile archive cannot write outside
// the data directory ("zip slip"); the limits stop an archive that inflates without end.
// Known cost: GDAL 3.6 keeps the entry listing of every archive it has opened, under the archive's
// unique /vsimem/ name, for the life of the process: about 0.45 KB a call (20,000 reads of a
// two-file archive grew the resident set by 9.1 MB). Reading with minizip directly would avoid it.
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
// ZIP; kInvalidInput for files in nested folders, two files of one name, no file at all, or more
// files or bytes than `limits` allow. `what` names the archive in messages.
std::vector<ArchiveFile> read_zip(const std::string& bytes, const std::string& what,
                                  const ZipLimits& limits = {});

}  // namespace gw::io
