// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace sqma::test {

// A fresh folder under the system's temporary folder, removed with everything in it when
// the object goes out of scope.
class TempDir {
public:
  TempDir()
  {
    std::random_device seed;
    m_path = std::filesystem::temp_directory_path() /
             ("sqma-test-" + std::to_string(seed()) + "-" + std::to_string(seed()));
    std::filesystem::create_directories(m_path);
  }
  ~TempDir()
  {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  // Writes a file below the folder and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const
  {
    const auto file = m_path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

private:
  std::filesystem::path m_path;
};

// Reads a whole file.
inline std::string slurp(const std::filesystem::path& file)
{
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace sqma::test
