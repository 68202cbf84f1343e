// SPDX-License-Identifier: Apache-2.0
#include "archive/archive.hpp"

#include "archive/readme.hpp"
#include "certify/certificate.hpp"
#include "certify/signing.hpp"
#include "core/parallel.hpp"
#include "cycle/config.hpp"
#include "io/files.hpp"
#include "io/json_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <tuple>

namespace sqma::archive {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t k_max_key = 64U << 10U;
// Larger .json files are neither a dossier nor a certificate record (a batch of dossiers is
// JSON Lines, read a line at a time), and reading them whole would cost memory.
constexpr std::uintmax_t k_max_json = std::uintmax_t{8} << 20U;
constexpr std::uintmax_t k_max_svg = std::uintmax_t{4} << 20U;

// The part of `path` below `root`, with '/' between folders.
std::string below(const fs::path& path, const fs::path& root)
{
  return path.lexically_relative(root).generic_string();
}

// The absolute, resolved form of `path`, and whether it lies in `root`.
bool lies_in(const fs::path& path, const fs::path& root)
{
  std::error_code ec;
  const auto p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const auto r = fs::weakly_canonical(fs::absolute(root, ec), ec);
  return std::mismatch(r.begin(), r.end(), p.begin(), p.end()).first == r.end() && p != r;
}

class Surveyor {
public:
  Surveyor(const fs::path& root, const Options& options) : m_root(root), m_options(options) {}

  // How messages name `file`: below the folder as the user gave it.
  [[nodiscard]] std::string shown(const fs::path& file) const
  {
    return (m_options.cycle_dir / below(file, m_root)).string();
  }

  Survey run()
  {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(m_root, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    // Each file is looked at on its own; what was found is then taken in the files' order.
    std::vector<Found> found(files.size());
    parallel_for(files.size(), cpu_threads(), [&](std::size_t i) { found[i] = look_at(files[i]); });
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (found[i].key) {
        m_keys.push_back(files[i]);
      }
      for (std::size_t c = 0; c < found[i].certificates; ++c) {
        m_out.certificates.push_back(below(files[i], m_root));
      }
      for (const auto& [id, history, stage] : found[i].dossiers) {
        auto& latest = m_latest[id];
        if (history >= latest.first) {
          latest = {history, stage};
        }
      }
    }
    choose_key();
    verify_certificates();
    for (const auto& [id, latest] : m_latest) {
      ++m_out.stages[latest.second];
    }
    m_out.dossiers = m_latest.size();
    std::sort(m_out.certificates.begin(), m_out.certificates.end());
    return std::move(m_out);
  }

  // What one file holds for the survey.
  struct Found {
    bool key = false;             // a public key
    std::size_t certificates = 0; // certificate records (an SVG certificate counts one)
    std::vector<std::tuple<std::string, std::size_t, std::string>> dossiers; // id, history, stage
  };

private:
  [[noreturn]] static void refuse(const std::string& message) { throw DataError(message); }

  std::string read(const fs::path& file) const
  {
    auto text = io::read_file(file.string());
    if (!text) {
      throw DataError(text.failure());
    }
    return std::move(text).value();
  }

  // Safe on several threads at once: it reads the file and nothing else of the survey.
  Found look_at(const fs::path& file) const
  {
    Found found;
    const auto ext = lower_extension(file);
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) {
      return found;
    }
    if ((ext == ".pem" || ext == ".key") && size <= k_max_key) {
      const auto text = read(file);
      if (text.find("PRIVATE KEY") != std::string::npos) {
        refuse(fmt::format("{}: a private key; it must never be archived (move it out of {})",
                           shown(file), m_options.cycle_dir.string()));
      }
      found.key = ext == ".pem" && certify::Key::load_public(file.string());
    } else if (ext == ".jsonl") {
      std::ifstream in(file, std::ios::binary);
      std::string line;
      while (std::getline(in, line)) {
        record(line, found);
      }
    } else if (may_hold_certificates(ext, size)) {
      const auto text = read(file);
      if (ext == ".json") {
        record(text, found);
      } else {
        found.certificates += certificates_in(ext, text);
      }
    }
    return found;
  }

public:
  // Notes a dossier (its latest state is the one with the longest history) or a
  // certificate record; anything else is left alone.
  static void record(std::string_view text, Found& found)
  {
    if (text.find("dossier.v1") == std::string_view::npos &&
        text.find("certificate.v1") == std::string_view::npos) {
      return; // not worth parsing
    }
    const auto value = io::parse_json_lenient(text);
    const auto one = [&](const nlohmann::json& v) {
      if (!v.is_object()) {
        return;
      }
      const auto schema = v.value("schema", std::string{});
      if (schema == "certificate.v1") {
        ++found.certificates;
      } else if (schema == "dossier.v1" && v.contains("id") && v["id"].is_string() &&
                 v.contains("stage") && v["stage"].is_string()) {
        const auto history =
            v.contains("history") && v["history"].is_array() ? v["history"].size() : std::size_t{0};
        found.dossiers.emplace_back(v["id"].get<std::string>(), history,
                                    v["stage"].get<std::string>());
      }
    };
    if (value.is_array()) {
      for (const auto& v : value) {
        one(v);
      }
    } else {
      one(value);
    }
  }

private:
  void choose_key()
  {
    if (!m_options.public_key.empty()) {
      if (!lies_in(m_options.public_key, m_root)) {
        throw UsageError(fmt::format("--public-key {}: must lie in the cycle folder {}",
                                     m_options.public_key.string(), m_options.cycle_dir.string()));
      }
      m_key_file = fs::weakly_canonical(m_options.public_key);
    } else if (m_keys.size() == 1) {
      m_key_file = m_keys.front();
    } else if (m_keys.size() > 1) {
      refuse(fmt::format("{} public keys in {}: name the one of the certificates with "
                         "--public-key",
                         m_keys.size(), m_options.cycle_dir.string()));
    }
    if (m_key_file.empty()) {
      if (!m_out.certificates.empty()) {
        refuse(fmt::format("{} certificates in {} but no public key (*.pem) to check them",
                           m_out.certificates.size(), m_options.cycle_dir.string()));
      }
      return;
    }
    m_key = certify::Key::load_public(m_key_file.string()).take();
    m_out.public_key = below(m_key_file, m_root);
    m_out.key_id = m_key->id();
  }

  void verify_certificates()
  {
    const auto& paths = m_out.certificates;
    parallel_for(paths.size(), cpu_threads(), [&](std::size_t i) {
      const auto v = certify::verify_certificate(read(m_root / paths[i]), *m_key, {});
      if (v.verdict != certify::Verdict::valid) {
        refuse(fmt::format("{}: {}; an archive seals only certificates that verify",
                           shown(m_root / paths[i]), v.reason));
      }
    });
  }

  fs::path m_root;
  const Options& m_options;
  Survey m_out;
  std::vector<fs::path> m_keys;
  fs::path m_key_file;
  std::optional<certify::Key> m_key;
  std::map<std::string, std::pair<std::size_t, std::string>> m_latest; // id: history, stage
};

// The config's [dates] table (an empty object when there is none).
const nlohmann::json& dates_of(const cycle::Config& config)
{
  static const nlohmann::json k_none = nlohmann::json::object();
  const auto it = config.raw.find("dates");
  return it != config.raw.end() && it->is_object() ? *it : k_none;
}

std::vector<std::pair<std::string, std::string>> bag_info(const cycle::Config& config,
                                                          const Survey& survey)
{
  std::vector<std::pair<std::string, std::string>> info;
  if (const auto notice = config.raw.find("notice");
      notice != config.raw.end() && notice->is_object() && notice->contains("publisher") &&
      (*notice)["publisher"].is_string()) {
    info.emplace_back("Source-Organization", (*notice)["publisher"].get<std::string>());
  }
  info.emplace_back("External-Identifier", fmt::format("sqma-cycle-{}", config.year));
  info.emplace_back("External-Description",
                    fmt::format("{}: the whole review cycle, sealed by sqma archive", config.name));
  info.emplace_back("Sqma-Cycle-Name", config.name);
  info.emplace_back("Sqma-Cycle-Year", std::to_string(config.year));
  info.emplace_back("Sqma-Cycle-Config", "data/" + survey.config);
  for (const auto& [key, value] : dates_of(config).items()) {
    if (value.is_string()) {
      info.emplace_back("Sqma-Date-" + key, value.get<std::string>());
    }
  }
  info.emplace_back("Sqma-Dossiers", std::to_string(survey.dossiers));
  for (const auto& [stage, count] : survey.stages) {
    info.emplace_back("Sqma-Stage-" + stage, std::to_string(count));
  }
  if (!survey.public_key.empty()) {
    info.emplace_back("Sqma-Public-Key", "data/" + survey.public_key);
    info.emplace_back("Sqma-Public-Key-Id", survey.key_id);
  }
  info.emplace_back("Sqma-Certificates", std::to_string(survey.certificates.size()));
  for (const auto& path : survey.certificates) {
    info.emplace_back("Sqma-Certificate", "data/" + path);
  }
  return info;
}

// The latest date of the config's [dates] table.
std::optional<model::Date> latest_date(const cycle::Config& config)
{
  std::optional<model::Date> latest;
  for (const auto& [key, value] : dates_of(config).items()) {
    if (!value.is_string()) {
      continue;
    }
    const auto date = model::Date::parse(value.get<std::string>());
    if (date && (!latest || *date > *latest)) {
      latest = date;
    }
  }
  return latest;
}

} // namespace

std::string lower_extension(const fs::path& path)
{
  auto ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool may_hold_certificates(std::string_view extension, std::uint64_t size)
{
  return (extension == ".json" && size <= k_max_json) || (extension == ".svg" && size <= k_max_svg);
}

std::size_t certificates_in(std::string_view extension, std::string_view text)
{
  if (extension == ".svg") {
    return text.find("certificate.v1") != std::string_view::npos ? 1U : 0U;
  }
  if (extension != ".json") {
    return 0;
  }
  Surveyor::Found found;
  Surveyor::record(text, found);
  return found.certificates;
}

Result<Summary> create(const Options& options)
{
  std::error_code ec;
  if (!fs::is_directory(options.cycle_dir, ec)) {
    return Failure(ExitCode::data, fmt::format("{}: not a folder", options.cycle_dir.string()));
  }
  const auto root = fs::weakly_canonical(options.cycle_dir, ec);
  const auto config_path =
      options.config.empty() ? options.cycle_dir / "cycle.toml" : options.config;
  if (!lies_in(config_path, root)) {
    return Failure(ExitCode::usage,
                   fmt::format("{}: the cycle config must lie in the cycle folder {}, to be "
                               "archived with it",
                               config_path.string(), options.cycle_dir.string()));
  }
  auto config = cycle::load(config_path);
  if (!config) {
    return config.failure();
  }
  Summary out;
  try {
    out.survey = Surveyor(root, options).run();
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    return Failure(e.code(), e.what());
  }
  out.survey.config = below(fs::weakly_canonical(config_path, ec), root);
  bundle::BagOptions bag;
  const auto date = options.date ? options.date : latest_date(config.value());
  if (!date) {
    return Failure(ExitCode::usage, fmt::format("give --date: {} has no dates to take the "
                                                "Bagging-Date from",
                                                config_path.string()));
  }
  bag.bagging_date = *date;
  bag.info = bag_info(config.value(), out.survey);
  bag.tag_files.push_back({"README.txt", readme(config.value().name, options.out_zip)});
  bag.force = options.force;
  bag.progress = options.progress;
  auto written = bundle::create_bag(options.cycle_dir, options.out_zip, bag);
  if (!written) {
    return written.failure();
  }
  out.bag = std::move(written).value();
  return out;
}

} // namespace sqma::archive
