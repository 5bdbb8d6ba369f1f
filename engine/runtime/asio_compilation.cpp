// Boost.Asio compiled once for the whole program (BOOST_ASIO_SEPARATE_COMPILATION): the files
// that use Asio include only its declarations, which keeps a clean build fast on two cores.
#include <boost/asio/impl/src.hpp>
