#include "calibrate/text_output.hpp"

#include <fstream>

#include "core/errors.hpp"
#include "io/output_file.hpp"

namespace kokeilu::calibrate {

void check_writable(const std::filesystem::path& file) { io::OutputFile(file, true); }

void write_text_file(const std::filesystem::path& file, const std::string& text) {
  io::OutputFile output(file, true);
  {
    std::ofstream out(output.temporary(), std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw IoError("cannot write " + file.string());
  }
  output.commit();
}

}  // namespace kokeilu::calibrate
