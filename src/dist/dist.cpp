#include "dist/dist.hpp"

#include <cstdlib>
#include <limits>
#include <numeric>
#include <string>

#ifdef GW_WITH_MPI
#include <mpi.h>
#endif

#include "model/error.hpp"

namespace gw::dist {

namespace {

// mpirun (Open MPI, MPICH's Hydra) and Slurm's srun tell their processes so; a plain start does not
// initialise MPI at all (a singleton MPI_Init would still work, but costs a second and prints
// nothing useful).
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_NTASKS"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}

#ifdef GW_WITH_MPI
void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw Error(ErrorCode::kInternal, std::string("MPI: ") + what + " failed");
}

// Counts and displacements of every rank's block, on rank 0.
std::vector<int> gather_counts(int n, int size) {
  std::vector<int> counts(static_cast<std::size_t>(size));
  check(MPI_Gather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
  return counts;
}

std::vector<int> offsets_of(const std::vector<int>& counts) {
  std::vector<int> off(counts.size(), 0);
  for (std::size_t i = 1; i < counts.size(); ++i) off[i] = off[i - 1] + counts[i - 1];
  return off;
}
#endif

}  // namespace

bool built_with_mpi() {
#ifdef GW_WITH_MPI
  return true;
#else
  return false;
#endif
}

Session::Session() {
#ifdef GW_WITH_MPI
  if (!launched_by_mpi()) return;
  int init = 0;
  MPI_Initialized(&init);
  if (init == 0) check(MPI_Init(nullptr, nullptr), "MPI_Init");
  started_ = true;
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
#else
  if (launched_by_mpi()) {
    // Every process would do all the work and write the same files: refuse instead.
    const char* n = std::getenv("OMPI_COMM_WORLD_SIZE");
    if (n != nullptr && std::string(n) != "1") {
      throw Error(ErrorCode::kUnsupported,
                  "started by mpirun, but this groundwork was built without MPI (install Open "
                  "MPI, libopenmpi-dev, and rebuild)");
    }
  }
#endif
}

Session::~Session() {
#ifdef GW_WITH_MPI
  if (started_) MPI_Finalize();
#endif
}

std::vector<float> Session::gather(const std::vector<float>& mine) const {
#ifdef GW_WITH_MPI
  if (size_ > 1) {
    if (mine.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
      throw Error(ErrorCode::kUnsupported, "MPI: more than 2^31 values on one rank");
    const std::vector<int> counts = gather_counts(static_cast<int>(mine.size()), size_);
    std::vector<int> off;
    std::vector<float> all;
    if (rank_ == 0) {
      off = offsets_of(counts);
      const long long total = std::accumulate(counts.begin(), counts.end(), 0LL);
      all.resize(static_cast<std::size_t>(total));
    }
    check(MPI_Gatherv(mine.data(), static_cast<int>(mine.size()), MPI_FLOAT, all.data(),
                      counts.data(), off.data(), MPI_FLOAT, 0, MPI_COMM_WORLD),
          "MPI_Gatherv");
    return all;
  }
#endif
  return mine;
}

std::vector<std::string> Session::gather(const std::vector<std::string>& mine) const {
#ifdef GW_WITH_MPI
  if (size_ > 1) {
    // Each rank's strings, each ended by a NUL, as one block of chars.
    std::string block;
    for (const auto& s : mine) {
      block += s;
      block += '\0';
    }
    const std::vector<int> counts = gather_counts(static_cast<int>(block.size()), size_);
    std::vector<int> off;
    std::string all;
    if (rank_ == 0) {
      off = offsets_of(counts);
      all.resize(static_cast<std::size_t>(std::accumulate(counts.begin(), counts.end(), 0LL)));
    }
    check(MPI_Gatherv(block.data(), static_cast<int>(block.size()), MPI_CHAR, all.data(),
                      counts.data(), off.data(), MPI_CHAR, 0, MPI_COMM_WORLD),
          "MPI_Gatherv");
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i] == '\0') {
        out.emplace_back(all, start, i - start);
        start = i + 1;
      }
    }
    return out;
  }
#endif
  return mine;
}

}  // namespace gw::dist
