// kokeilu-codes: prints docs/codes.md, the names of the files' code axes in code order, from the
// engine's lists (io::codes_markdown). `build/kokeilu-codes > docs/codes.md` regenerates the file.
#include <iostream>

#include "io/schema.hpp"

int main() {
  std::cout << kokeilu::io::codes_markdown();
  return 0;
}
