#include "io/zip_archive.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <array>
#include <atomic>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "io/gdal_util.hpp"
#include "model/error.hpp"

namespace gw::io {

namespace {

std::string join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (const std::string_view p : parts) s += p;
  return s;
}

// The archive lives in a /vsimem/ file of its own for the length of one call.
class MemFile {
 public:
  explicit MemFile(const std::string& bytes) {
    static std::atomic<std::uint64_t> counter{0};
    name_ = join({"/vsimem/gw-upload-", std::to_string(counter.fetch_add(1)), ".zip"});
    // GDAL reads the caller's buffer in place (no copy, not owned): `bytes` outlives this object.
    VSILFILE* f = VSIFileFromMemBuffer(name_.c_str(),
                                       reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       static_cast<vsi_l_offset>(bytes.size()), FALSE);
    if (f == nullptr) throw Error(ErrorCode::kInternal, "archive: cannot map the upload");
    VSIFCloseL(f);
  }
  ~MemFile() { VSIUnlink(name_.c_str()); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  std::string name_;
};

struct CslDeleter {
  void operator()(char** p) const { CSLDestroy(p); }
};

bool skipped(const std::string& path) {
  if (path.rfind("__MACOSX/", 0) == 0) return true;
  const std::size_t slash = path.rfind('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return base.empty() || base[0] == '.';
}

}  // namespace

std::vector<ArchiveFile> read_zip(const std::string& bytes, const std::string& what,
                                  const ZipLimits& limits) {
  gdal::ensure_registered();
  gdal::ErrorCapture capture;
  // The local file header's signature: anything else is not worth handing to GDAL.
  if (bytes.size() < 4 || bytes.compare(0, 4, "PK\x03\x04", 4) != 0) {
    throw Error(ErrorCode::kParse, join({what, ": not a ZIP archive"}));
  }
  const MemFile mem(bytes);
  const std::string root = join({"/vsizip/", mem.name()});
  const std::unique_ptr<char*, CslDeleter> listing(VSIReadDirRecursive(root.c_str()));
  if (!listing)
    throw Error(ErrorCode::kParse, join({what, ": not a readable ZIP archive", capture.suffix()}));

  std::vector<ArchiveFile> out;
  std::string folder;  // the one folder the files share, when they are in one
  bool at_top = false;
  std::uint64_t total = 0;
  for (char** p = listing.get(); *p != nullptr; ++p) {
    const std::string path = *p;
    const std::string full = join({root, "/", path});
    VSIStatBufL st;
    if (VSIStatL(full.c_str(), &st) != 0) {
      throw Error(ErrorCode::kParse,
                  join({what, ": cannot read entry '", path, "'", capture.suffix()}));
    }
    if (VSI_ISDIR(st.st_mode) || skipped(path)) continue;
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
    if (dir.find('/') != std::string::npos) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": '", path,
                        "' is in nested folders; put the scenario and its layers at the top "
                        "level or in one folder"}));
    }
    if (dir.empty()) {
      at_top = true;
    } else if (folder.empty()) {
      folder = dir;
    } else if (dir != folder) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": files in two folders ('", folder, "' and '", dir,
                        "'); put them at the top level or in one folder"}));
    }
    if (at_top && !folder.empty()) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": files both at the top level and in folder '", folder, "'"}));
    }
    if (out.size() == limits.max_files) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": more than ", std::to_string(limits.max_files), " files"}));
    }
    ArchiveFile f;
    f.name = slash == std::string::npos ? path : path.substr(slash + 1);
    for (const auto& o : out) {
      if (o.name == f.name) {
        throw Error(ErrorCode::kInvalidInput, join({what, ": two files named '", f.name, "'"}));
      }
    }
    VSILFILE* in = VSIFOpenL(full.c_str(), "rb");
    if (in == nullptr) {
      throw Error(ErrorCode::kParse,
                  join({what, ": cannot open entry '", path, "'", capture.suffix()}));
    }
    // The sizes in the archive's directory are the sender's word: count what actually inflates.
    std::array<char, 1 << 16> buf{};
    bool too_big = false;
    for (;;) {
      const std::size_t n = VSIFReadL(buf.data(), 1, buf.size(), in);
      if (n == 0) break;
      total += n;
      if (total > limits.max_total_bytes) {
        too_big = true;
        break;
      }
      f.content.append(buf.data(), n);
    }
    VSIFCloseL(in);
    if (too_big) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": more than ", std::to_string(limits.max_total_bytes >> 20),
                        " MiB once inflated"}));
    }
    if (f.content.size() != static_cast<std::size_t>(st.st_size)) {
      throw Error(ErrorCode::kParse,
                  join({what, ": entry '", path, "' is damaged (", std::to_string(f.content.size()),
                        " of ", std::to_string(st.st_size), " bytes read)", capture.suffix()}));
    }
    out.push_back(std::move(f));
  }
  if (out.empty()) throw Error(ErrorCode::kInvalidInput, join({what, ": no file in the archive"}));
  return out;
}

}  // namespace gw::io
