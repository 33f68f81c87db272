#include "io/outputs.hpp"

namespace gw::io {

std::string report_html(const Scenario&, const TaskSet&, const Plan&, const plan::Evaluation&,
                        const OutputMeta& meta) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + meta.scenario_name +
         "</title></head><body></body></html>\n";
}

}  // namespace gw::io
