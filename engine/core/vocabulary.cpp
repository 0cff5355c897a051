// vocabulary.hpp is header-only; this file keeps the module a real library target.
#include "core/vocabulary.hpp"
