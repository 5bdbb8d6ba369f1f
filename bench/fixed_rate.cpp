// Sends HTTP requests at a fixed rate and reports latency percentiles, as JSON on one line.
//
//   fixed_rate URL_BASE TOKEN RATE SECONDS PATHS_FILE
//
// Open loop: request k is due at start + k / RATE whatever happened to the ones before it, and its
// latency runs from that due time, not from when a connection was free to send it. A server that
// stalls therefore shows its stall in the percentiles instead of slowing the load down (what wrk 4,
// a closed loop, cannot do: it waits for an answer before the next request on a connection, and has
// no fixed-rate mode). Each line of PATHS_FILE is `PATH BODY` (a POST) or `GET PATH`: the requests
// go round them, and the percentiles are given for all and for each method. Connections are kept
// alive and opened as needed, so a slow answer never holds a due request back.
//
// One thread, asynchronous: the client's own time per request is a few microseconds, so what it
// measures is the server (an interpreted client on the same two cores added milliseconds at p99).
// Exits 2 on a wrong number of arguments; 1, saying why, on bad arguments, an unreadable or
// malformed PATHS_FILE, or a request that fails on a fresh connection.
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Planned {
    http::verb method;
    std::string path;
    std::string body;
};

// One line of PATHS_FILE.
Planned parse_line(const std::string& line) {
    const auto space = line.find(' ');
    if (space == std::string::npos) throw std::invalid_argument("a line without a space: " + line);
    if (line.compare(0, space, "GET") == 0) return {http::verb::get, line.substr(space + 1), ""};
    return {http::verb::post, line.substr(0, space), line.substr(space + 1)};
}

std::vector<Planned> read_plan(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    std::vector<Planned> plan;
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) plan.push_back(parse_line(line));
    }
    if (plan.empty()) throw std::invalid_argument(file + " names no request");
    return plan;
}

// RATE or SECONDS: a positive number, the whole argument.
double positive_number(std::string_view text, std::string_view name) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !(value > 0)) {
        throw std::invalid_argument(std::string(name) + " must be a positive number, not '" + std::string(text) + "'");
    }
    return value;
}

struct Measured {
    std::vector<double> all_ms;
    std::map<std::string, std::vector<double>> by_method_ms;
    std::map<unsigned, std::size_t> statuses;
};

class Client {
public:
    Client(asio::io_context& io, tcp::endpoint server, std::string host, std::string token)
        : io_(io), server_(server), host_(std::move(host)), token_(std::move(token)) {}

    // Sends `plan` round and round at `rate` for `total` requests, then waits for every answer.
    asio::awaitable<void> run(const std::vector<Planned>& plan, double rate, std::size_t total, Measured& measured) {
        asio::steady_timer timer(io_);
        const Clock::time_point start = Clock::now();
        for (std::size_t k = 0; k < total && !failure_; ++k) {
            const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(static_cast<double>(k) / rate));
            if (due > Clock::now()) {
                timer.expires_at(due);
                co_await timer.async_wait(asio::use_awaitable);
            }
            ++outstanding_;
            asio::co_spawn(io_, send(plan[k % plan.size()], due, measured), [this](std::exception_ptr failure) {
                if (failure && !failure_) failure_ = failure;
                if (--outstanding_ == 0 && sending_done_) done_.cancel();
            });
        }
        sending_done_ = true;
        if (outstanding_ > 0) {
            done_.expires_at(Clock::time_point::max());
            co_await done_.async_wait(asio::as_tuple(asio::use_awaitable));  // cancelled by the last answer
        }
        if (failure_) std::rethrow_exception(failure_);
        elapsed_ = Clock::now() - start;
    }

    double elapsed_seconds() const { return std::chrono::duration<double>(elapsed_).count(); }
    std::size_t connections() const { return idle_.size(); }

private:
    using Stream = beast::tcp_stream;

    asio::awaitable<std::unique_ptr<Stream>> connect() {
        auto stream = std::make_unique<Stream>(io_);
        co_await stream->async_connect(server_, asio::use_awaitable);
        stream->socket().set_option(tcp::no_delay(true));
        co_return stream;
    }

    asio::awaitable<unsigned> exchange(Stream& stream, const http::request<http::string_body>& request) {
        co_await http::async_write(stream, request, asio::use_awaitable);
        beast::flat_buffer buffer;
        http::response<http::string_body> response;
        co_await http::async_read(stream, buffer, response, asio::use_awaitable);
        co_return response.result_int();
    }

    asio::awaitable<void> send(const Planned& planned, Clock::time_point due, Measured& measured) {
        http::request<http::string_body> request{planned.method, planned.path, 11};
        request.set(http::field::host, host_);
        request.set(http::field::authorization, "Bearer " + token_);
        if (planned.method == http::verb::post) {
            request.set(http::field::content_type, "application/json");
            request.body() = planned.body;
        }
        request.prepare_payload();

        std::unique_ptr<Stream> stream;
        const bool reused = !idle_.empty();
        if (reused) {
            stream = std::move(idle_.back());
            idle_.pop_back();
        } else {
            stream = co_await connect();
        }
        unsigned status = 0;
        bool resend = false;
        try {
            status = co_await exchange(*stream, request);
        } catch (const boost::system::system_error&) {
            // The server closed a keep-alive connection that sat idle (its idle timeout) before
            // this request reached it: sent again on a new one, as HTTP clients do. A failure on
            // a new connection is a real one and ends the run.
            if (!reused) throw;
            resend = true;
        }
        if (resend) {
            stream = co_await connect();
            status = co_await exchange(*stream, request);
        }
        const double latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - due).count();
        measured.all_ms.push_back(latency_ms);
        measured.by_method_ms[std::string(http::to_string(planned.method))].push_back(latency_ms);
        ++measured.statuses[status];
        idle_.push_back(std::move(stream));
    }

    asio::io_context& io_;
    tcp::endpoint server_;
    std::string host_;
    std::string token_;
    std::vector<std::unique_ptr<Stream>> idle_;
    std::size_t outstanding_ = 0;
    bool sending_done_ = false;
    asio::steady_timer done_{io_};
    std::exception_ptr failure_;
    Clock::duration elapsed_{};
};

boost::json::object percentiles(std::vector<double> latencies_ms) {
    std::sort(latencies_ms.begin(), latencies_ms.end());
    const auto at = [&](double p) {
        const auto index = static_cast<std::size_t>(p / 100 * static_cast<double>(latencies_ms.size()));
        return latencies_ms[std::min(latencies_ms.size() - 1, index)];
    };
    return {{"p50_ms", at(50)}, {"p90_ms", at(90)}, {"p99_ms", at(99)}, {"p999_ms", at(99.9)},
            {"max_ms", latencies_ms.back()}};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: fixed_rate URL_BASE TOKEN RATE SECONDS PATHS_FILE\n";
        return 2;
    }
    try {
        const auto base = boost::urls::parse_uri(argv[1]);
        if (!base || base->scheme() != "http" || !base->has_port()) {
            throw std::invalid_argument(std::string("URL_BASE must be http://HOST:PORT, not ") + argv[1]);
        }
        const double rate = positive_number(argv[3], "RATE");
        const double seconds = positive_number(argv[4], "SECONDS");
        const std::vector<Planned> plan = read_plan(argv[5]);
        const auto total = static_cast<std::size_t>(rate * seconds);
        if (total == 0) throw std::invalid_argument("RATE * SECONDS makes no request");

        asio::io_context io(1);
        tcp::resolver resolver(io);
        const tcp::endpoint server =
            resolver.resolve(std::string(base->host()), std::string(base->port())).begin()->endpoint();
        Client client(io, server, std::string(base->encoded_authority()), argv[2]);
        Measured measured;
        std::exception_ptr failure;
        asio::co_spawn(io, client.run(plan, rate, total, measured), [&](std::exception_ptr e) { failure = e; });
        io.run();
        if (failure) std::rethrow_exception(failure);

        boost::json::object result{{"rate", rate}, {"sent", total},
                                   {"achieved_per_second", static_cast<double>(total) / client.elapsed_seconds()}};
        for (auto& [key, value] : percentiles(measured.all_ms)) result[key] = value;
        boost::json::object by_method;
        for (auto& [method, latencies] : measured.by_method_ms) by_method[method] = percentiles(std::move(latencies));
        result["by_method"] = std::move(by_method);
        boost::json::object statuses;
        for (const auto& [status, count] : measured.statuses) statuses[std::to_string(status)] = count;
        result["statuses"] = std::move(statuses);
        result["connections"] = client.connections();
        std::cout << boost::json::serialize(result) << '\n';
        return 0;
    } catch (const boost::system::system_error& error) {
        std::cerr << "fixed_rate: " << argv[1] << ": " << error.code().message() << '\n';
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "fixed_rate: " << error.what() << '\n';
        return 1;
    }
}
