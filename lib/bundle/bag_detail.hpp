// SPDX-License-Identifier: Apache-2.0
// Internal to sqma::bundle: helpers shared by the bag writer and reader.
#pragma once

#include "bundle/bag.hpp"
#include "bundle/zip_writer.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqma::bundle::detail {

// True for the names BagIt gives a meaning in a bag's top folder (bagit.txt, bag-info.txt,
// fetch.txt, data, manifest-*, tagmanifest-*).
[[nodiscard]] bool is_reserved_tag_name(std::string_view name);

// True for "<top>/bagit.txt", "<top>/bag-info.txt", "<top>/manifest-*.txt" and
// "<top>/tagmanifest-*.txt": the tag files a reader needs the bytes of.
[[nodiscard]] bool is_tag_file_name(std::string_view name);

// True when a file of this name is compressed already (by its extension) and is stored.
[[nodiscard]] bool is_compressed_type(std::string_view path);

// Parses "Label: value" lines with continuation lines (RFC 8493 2.2.2); on a malformed line
// sets `error` (naming the line) and returns nothing.
[[nodiscard]] std::vector<std::pair<std::string, std::string>>
parse_tag_lines(std::string_view text, std::string& error);

// One payload file to be written: its path under data/, size, and how to read it.
struct PayloadItem {
  std::string path;
  std::uint64_t size = 0;
  std::function<std::unique_ptr<ByteSource>()> open;
  std::string expected_sha256; // when known ahead (normalize), checked after writing
  bool any_thread = false;     // open() and its source may be used on another thread
};

// Writes a bag of `items` (sorted by path, names already checked) to `out_zip`, as
// create_bag() describes. Throws Error subclasses.
[[nodiscard]] BagSummary write_bag(std::vector<PayloadItem> items,
                                   const std::filesystem::path& out_zip, const BagOptions& options);

} // namespace sqma::bundle::detail
