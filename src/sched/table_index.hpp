// Indexes into row-major tables (job × resource, time × resource), computed in std::size_t so that
// the product of two ints never overflows int first.
#pragma once

#include <cstddef>

namespace gw::sched {

// The number of cells of a table `rows` high and `width` wide.
inline std::size_t table_size(int rows, int width) {
  return static_cast<std::size_t>(rows) * static_cast<std::size_t>(width);
}

// The index of (row, col) in a row-major table `width` wide.
inline std::size_t cell(int row, int width, int col) {
  return table_size(row, width) + static_cast<std::size_t>(col);
}

}  // namespace gw::sched
