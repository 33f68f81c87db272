// docs/openapi.json and docs/api.md against the running server: every documented operation
// answers with one of its documented statuses and media types; the server serves the same
// document; the two documents name the same endpoints.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "server_process.hpp"

namespace gw::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json openapi() { return json::parse(read_file(fs::path(GW_SOURCE_DIR) / "docs/openapi.json")); }

TEST(OpenApi, TheServerServesTheDocumentOfTheRepository) {
  ServerProcess s;
  s.start();
  httplib::Client c("127.0.0.1", s.port());
  const auto r = c.Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body), openapi());
  EXPECT_EQ(openapi()["openapi"].get<std::string>().substr(0, 2), "3.");
}

TEST(OpenApi, ApiMdAndOpenApiNameTheSameEndpoints) {
  const std::string md = read_file(fs::path(GW_SOURCE_DIR) / "docs/api.md");
  std::set<std::string> in_md;
  const std::regex ep(R"((GET|POST) (/api/v1/[A-Za-z0-9_{}./-]*[A-Za-z0-9_}]))");
  for (auto it = std::sregex_iterator(md.begin(), md.end(), ep); it != std::sregex_iterator(); ++it)
    in_md.insert((*it)[1].str() + " " + (*it)[2].str());
  std::set<std::string> in_doc;
  const json doc = openapi();
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      m += ' ';
      m += path;
      in_doc.insert(m);
    }
  }
  EXPECT_EQ(in_md, in_doc);
  EXPECT_GE(in_doc.size(), 17U);
}

// Calls every documented operation on a server with one done job and checks the answer's status
// and media type against the document.
TEST(OpenApi, EveryOperationAnswersAsDocumented) {
  ServerProcess s;
  s.start({"--workers", "1"});
  httplib::Client c("127.0.0.1", s.port());
  c.set_read_timeout(120);
  const std::string small =
      read_file(fs::path(GW_SOURCE_DIR) / "docs/examples/small/scenario.json");
  const auto up = c.Post("/api/v1/scenarios", small, "application/json");
  ASSERT_EQ(up->status, 201);
  const std::int64_t sid = json::parse(up->body)["id"];
  const auto jr = c.Post("/api/v1/jobs", json{{"scenario", sid}}.dump(), "application/json");
  ASSERT_EQ(jr->status, 202);
  const std::int64_t job = json::parse(jr->body)["id"];
  for (int i = 0; i < 1200; ++i) {
    if (json::parse(c.Get("/api/v1/jobs/" + std::to_string(job))->body)["state"] == "done") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string plan = c.Get("/api/v1/jobs/" + std::to_string(job) + "/files/plan.json")->body;

  const json doc = openapi();
  std::size_t calls = 0;
  for (const auto& [tmpl, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string path = tmpl;
      const bool scenario_path = tmpl.rfind("/api/v1/scenarios/", 0) == 0;
      path = std::regex_replace(path, std::regex(R"(\{id\})"),
                                std::to_string(scenario_path ? sid : job));
      path = std::regex_replace(path, std::regex(R"(\{layer\})"), "roads");
      path = std::regex_replace(path, std::regex(R"(\{file\})"), "plan.json");
      std::string query;
      for (const auto& p : op.value("parameters", json::array())) {
        if (p["in"] == "query" && p.value("required", false))
          query += (query.empty() ? "?" : "&") + p["name"].get<std::string>() + "=" +
                   std::to_string(job);
      }
      std::string body;
      if (method != "get") {
        body = "{}";
        if (tmpl == "/api/v1/scenarios") body = small;
        if (tmpl == "/api/v1/jobs") body = json{{"scenario", sid}}.dump();
        if (tmpl == "/api/v1/validate")
          body = "{\"scenario\": " + std::to_string(sid) + ", \"plan\": " + plan + "}";
      }
      const httplib::Result r =
          method == "get" ? c.Get(path + query) : c.Post(path + query, body, "application/json");
      ASSERT_TRUE(r) << method << " " << path;
      ++calls;
      const std::string status = std::to_string(r->status);
      ASSERT_TRUE(op["responses"].contains(status))
          << method << " " << path << " answered " << status << ", not documented: " << r->body;
      const json& resp = op["responses"][status];
      std::string type = r->get_header_value("Content-Type");
      type = type.substr(0, type.find(';'));
      if (resp.contains("content")) {
        EXPECT_TRUE(resp["content"].contains(type))
            << method << " " << path << ": " << type << " not documented for " << status;
      }
      if (r->status >= 400) {
        const json e = json::parse(r->body);
        EXPECT_TRUE(e.contains("code") && e.contains("message")) << r->body;
      }
    }
  }
  EXPECT_EQ(calls, 17U);
}

}  // namespace
}  // namespace gw::test
