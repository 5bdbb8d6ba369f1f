// Asio's OpenSSL layer compiled once (BOOST_ASIO_SEPARATE_COMPILATION), for the one adapter that
// speaks TLS through it: the channels' HTTP client.
#include <boost/asio/ssl/impl/src.hpp>
