// Work shared across processes (docs/uncertainty.md, "On a cluster"): a forecast's samples split
// over the ranks of an MPI job, their rows gathered on rank 0 in rank order, so that the result is
// the single-process one. Built on Open MPI's C API when CMake found MPI (GW_WITH_MPI); without
// it, or outside mpirun, there is one rank and the gathers return their input.
#pragma once

#include <string>
#include <vector>

namespace gw::dist {

// Whether this build can run under MPI.
bool built_with_mpi();

// MPI for the life of the object, when the program was started by mpirun (or srun) and the build
// has MPI; otherwise a single rank. One per process.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }

  // Every rank's `mine`, concatenated on rank 0 in rank order (empty on the other ranks).
  [[nodiscard]] std::vector<float> gather(const std::vector<float>& mine) const;
  [[nodiscard]] std::vector<std::string> gather(const std::vector<std::string>& mine) const;

 private:
  bool started_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace gw::dist
