#include "io/zip_archive.hpp"

#include <unzip.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <string_view>

#include "model/error.hpp"

namespace gw::io {

namespace {

std::string join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (const std::string_view p : parts) s += p;
  return s;
}

// minizip reads through these callbacks from the caller's buffer: the archive never becomes a
// file, and no state outlives the call (GDAL's /vsizip/, used before, kept every archive's listing
// for the life of the process).
struct MemStream {
  const std::string* bytes = nullptr;
  std::uint64_t pos = 0;
};

voidpf mem_open(voidpf opaque, const void* /*filename*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0) return nullptr;
  return opaque;  // the one stream, owned by read_zip
}
uLong mem_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* m = static_cast<MemStream*>(stream);
  const std::uint64_t left = m->bytes->size() - std::min<std::uint64_t>(m->pos, m->bytes->size());
  const std::uint64_t n = std::min<std::uint64_t>(size, left);
  if (n > 0) std::memcpy(buf, m->bytes->data() + m->pos, n);
  m->pos += n;
  return static_cast<uLong>(n);
}
uLong mem_write(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buf*/, uLong /*size*/) {
  return 0;
}
ZPOS64_T mem_tell(voidpf /*opaque*/, voidpf stream) { return static_cast<MemStream*>(stream)->pos; }
long mem_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* m = static_cast<MemStream*>(stream);
  const std::uint64_t size = m->bytes->size();
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = m->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = size;
      break;
    default:
      return -1;
  }
  // Offsets come from the archive: refuse any that leave the buffer (or would wrap).
  if (offset > size || base > size - offset) return -1;
  m->pos = base + offset;
  return 0;
}
int mem_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int mem_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

class Unzip {
 public:
  explicit Unzip(const std::string& bytes) : stream_{&bytes, 0} {
    zlib_filefunc64_def f{};
    f.zopen64_file = mem_open;
    f.zread_file = mem_read;
    f.zwrite_file = mem_write;
    f.ztell64_file = mem_tell;
    f.zseek64_file = mem_seek;
    f.zclose_file = mem_close;
    f.zerror_file = mem_error;
    f.opaque = &stream_;
    handle_ = unzOpen2_64("upload.zip", &f);
  }
  ~Unzip() {
    if (handle_ != nullptr) unzClose(handle_);
  }
  Unzip(const Unzip&) = delete;
  Unzip& operator=(const Unzip&) = delete;
  [[nodiscard]] unzFile get() const { return handle_; }

 private:
  MemStream stream_;
  unzFile handle_ = nullptr;
};

bool skipped(const std::string& path) {
  if (path.rfind("__MACOSX/", 0) == 0) return true;
  const std::size_t slash = path.rfind('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return base.empty() || base[0] == '.';
}

// An entry's name, quoted in messages: at most 80 characters of it.
std::string quoted(const std::string& path) {
  return path.size() <= 80 ? path : join({path.substr(0, 80), "…"});
}

}  // namespace

std::vector<ArchiveFile> read_zip(const std::string& bytes, const std::string& what,
                                  const ZipLimits& limits) {
  // The local file header's signature: anything else is not worth handing to minizip.
  if (bytes.size() < 4 || bytes.compare(0, 4, "PK\x03\x04", 4) != 0) {
    throw Error(ErrorCode::kParse, join({what, ": not a ZIP archive"}));
  }
  const Unzip zip(bytes);
  if (zip.get() == nullptr) {
    throw Error(ErrorCode::kParse, join({what, ": not a readable ZIP archive"}));
  }
  // Folders and skipped entries count too, so that a directory of millions of empty names is not
  // walked to the end.
  const std::uint64_t max_entries = 4 * static_cast<std::uint64_t>(limits.max_files) + 64;

  std::vector<ArchiveFile> out;
  std::string folder;  // the one folder the files share, when they are in one
  bool at_top = false;
  std::uint64_t total = 0;
  std::uint64_t entries = 0;
  int rc = unzGoToFirstFile(zip.get());
  for (; rc == UNZ_OK; rc = unzGoToNextFile(zip.get())) {
    if (++entries > max_entries) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": more than ", std::to_string(max_entries), " entries"}));
    }
    unz_file_info64 info{};
    std::array<char, 1024> name{};
    if (unzGetCurrentFileInfo64(zip.get(), &info, name.data(), name.size(), nullptr, 0, nullptr,
                                0) != UNZ_OK) {
      throw Error(ErrorCode::kParse, join({what, ": damaged entry in the directory"}));
    }
    if (info.size_filename >= name.size()) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": an entry's name is longer than 1,023 bytes"}));
    }
    const std::string path(name.data(), info.size_filename);
    if (path.find('\0') != std::string::npos) {
      throw Error(ErrorCode::kInvalidInput, join({what, ": an entry's name holds a NUL byte"}));
    }
    if (path.empty() || path.back() == '/' || skipped(path)) continue;  // folders, hidden files
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
    if (dir.find('/') != std::string::npos) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": '", quoted(path),
                        "' is in nested folders; put the scenario and its layers at the top "
                        "level or in one folder"}));
    }
    if (dir.empty()) {
      at_top = true;
    } else if (folder.empty()) {
      folder = dir;
    } else if (dir != folder) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": files in two folders ('", quoted(folder), "' and '", quoted(dir),
                        "'); put them at the top level or in one folder"}));
    }
    if (at_top && !folder.empty()) {
      throw Error(
          ErrorCode::kInvalidInput,
          join({what, ": files both at the top level and in folder '", quoted(folder), "'"}));
    }
    if (out.size() == limits.max_files) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": more than ", std::to_string(limits.max_files), " files"}));
    }
    ArchiveFile f;
    f.name = slash == std::string::npos ? path : path.substr(slash + 1);
    for (const auto& o : out) {
      if (o.name == f.name) {
        throw Error(ErrorCode::kInvalidInput,
                    join({what, ": two files named '", quoted(f.name), "'"}));
      }
    }
    if ((info.flag & 1U) != 0) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": entry '", quoted(path), "' is encrypted"}));
    }
    if (unzOpenCurrentFile(zip.get()) != UNZ_OK) {
      throw Error(ErrorCode::kParse,
                  join({what, ": cannot open entry '", quoted(path),
                        "' (damaged, or compressed by a method other than stored or deflate)"}));
    }
    // The sizes in the archive's directory are the sender's word: count what actually inflates.
    std::array<char, 1 << 16> buf{};
    bool too_big = false;
    bool damaged = false;
    for (;;) {
      const int n = unzReadCurrentFile(zip.get(), buf.data(), static_cast<unsigned>(buf.size()));
      if (n < 0) {
        damaged = true;
        break;
      }
      if (n == 0) break;
      total += static_cast<std::uint64_t>(n);
      if (total > limits.max_total_bytes) {
        too_big = true;
        break;
      }
      f.content.append(buf.data(), static_cast<std::size_t>(n));
    }
    // Closing checks the CRC once the whole entry was read.
    const int close_rc = unzCloseCurrentFile(zip.get());
    if (too_big) {
      throw Error(ErrorCode::kInvalidInput,
                  join({what, ": more than ", std::to_string(limits.max_total_bytes >> 20),
                        " MiB once inflated"}));
    }
    if (damaged || close_rc != UNZ_OK || f.content.size() != info.uncompressed_size) {
      throw Error(ErrorCode::kParse, join({what, ": entry '", quoted(path), "' is damaged (",
                                           std::to_string(f.content.size()), " of ",
                                           std::to_string(info.uncompressed_size), " bytes read",
                                           close_rc == UNZ_CRCERROR ? ", checksum wrong)" : ")"}));
    }
    out.push_back(std::move(f));
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) {
    throw Error(ErrorCode::kParse, join({what, ": the archive's directory is damaged"}));
  }
  if (out.empty()) throw Error(ErrorCode::kInvalidInput, join({what, ": no file in the archive"}));
  return out;
}

}  // namespace gw::io
