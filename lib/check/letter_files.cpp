// SPDX-License-Identifier: Apache-2.0
// The letters of a checked batch as files: numbered, one per dossier and format.
#include "check/letter.hpp"

#include "bundle/zip_writer.hpp"
#include "core/error.hpp"
#include "cycle/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace sqma::check {
namespace {

// The letter formats: names, file extensions.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> k_letter_formats{
    {{"markdown", ".md"}, {"html", ".html"}, {"docx", ".docx"}}};

} // namespace

LetterHead letter_head(const cycle::Config& config)
{
  const auto& o = config.office;
  return LetterHead{config.name, o.publisher, o.name, o.address, o.contact, o.phone, o.email};
}

std::vector<std::string_view> letter_extensions(const std::vector<std::string>& formats)
{
  for (const auto& f : formats) {
    if (std::none_of(k_letter_formats.begin(), k_letter_formats.end(),
                     [&](const auto& known) { return known.first == f; })) {
      throw UsageError(fmt::format("--letter-format {}: expected markdown, html or docx", f));
    }
  }
  std::vector<std::string_view> out;
  for (const auto& [name, ext] : k_letter_formats) {
    if (formats.empty() || std::find(formats.begin(), formats.end(), name) != formats.end()) {
      out.push_back(ext);
    }
  }
  return out;
}

std::vector<io::AtomicFile> write_letters(const std::filesystem::path& dir,
                                          std::vector<std::pair<std::string, Letter>> letters,
                                          const cycle::Config& config,
                                          const std::vector<std::string_view>& extensions)
{
  std::sort(letters.begin(), letters.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<io::AtomicFile> files;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    auto& [id, letter] = letters[i];
    letter.number = cycle::document_number(config.office.document_number, config.year,
                                           config.office.first_number + static_cast<int>(i));
    for (const auto ext : extensions) {
      io::AtomicFile file(dir / (id + std::string(ext)));
      if (ext == ".md") {
        file.write(letter_markdown(letter));
      } else if (ext == ".html") {
        file.write(letter_html(letter));
      } else {
        bundle::detail::ZipWriter zip(file);
        for (const auto& [name, bytes] : letter_docx(letter)) {
          (void)zip.add(name, bytes, bundle::detail::Method::deflate);
        }
        zip.finish();
      }
      file.close();
      files.push_back(std::move(file));
    }
  }
  return files;
}

} // namespace sqma::check
