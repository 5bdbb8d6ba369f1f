// Boost.Beast compiled once for the whole program (BOOST_BEAST_SEPARATE_COMPILATION), as Asio is
// in engine/runtime/asio_compilation.cpp.
#include <boost/beast/src.hpp>
