#include <catch2/catch.hpp>

#include "adapters/store/database_url.hpp"
#include "adapters/store/soci_store.hpp"

using Catch::Matchers::Contains;

namespace seminarflow {
namespace {

DatabaseUrl parsed(std::string_view text) {
    auto url = parse_database_url(text);
    INFO(text << " -> " << (url ? std::string("ok") : url.error().message));
    REQUIRE(url.ok());
    return std::move(url).value();
}

}  // namespace

TEST_CASE("a sqlite URL with three slashes names an absolute path", "[url]") {
    const DatabaseUrl url = parsed("sqlite:///var/lib/seminarflow/seminarflow.db");
    CHECK(url.backend == DatabaseBackend::sqlite);
    CHECK(url.path == "/var/lib/seminarflow/seminarflow.db");
    CHECK(url.soci_backend() == "sqlite3");
    CHECK(url.connect_string() == "/var/lib/seminarflow/seminarflow.db");
    CHECK(url.redacted() == "sqlite:///var/lib/seminarflow/seminarflow.db");
    CHECK(parsed("sqlite:/var/lib/x.db").path == "/var/lib/x.db");
    CHECK(parsed("SQLite:///x.db").path == "/x.db");
}

TEST_CASE("a sqlite URL without slashes names a path relative to the working directory", "[url]") {
    const DatabaseUrl url = parsed("sqlite:data/seminarflow.db");
    CHECK(url.path == "data/seminarflow.db");
    // "./" keeps SOCI from reading "db=x.db" as an option and SQLite from reading "file:" as a URI.
    CHECK(url.connect_string() == "./data/seminarflow.db");
    CHECK(url.redacted() == "sqlite:data/seminarflow.db");
    CHECK(parsed("sqlite:db=x.db").connect_string() == "./db=x.db");
}

TEST_CASE("a sqlite path is percent-decoded and may be Vietnamese", "[url]") {
    CHECK(parsed("sqlite:///tmp/h%E1%BB%99i%20th%E1%BA%A3o.db").path == "/tmp/hội thảo.db");
    CHECK(parsed("sqlite:dữ liệu/tọa đàm.db").path == "dữ liệu/tọa đàm.db");
    CHECK(parsed("sqlite:///tmp/100%25.db").path == "/tmp/100%.db");
}

TEST_CASE("a full postgresql URL is decoded into libpq's keywords", "[url]") {
    const DatabaseUrl url = parsed(
        "postgresql://seminar:s%40cr%3At%2F@db.example.org:6543/seminarflow?sslmode=disable&connect_timeout=3");
    CHECK(url.backend == DatabaseBackend::postgresql);
    CHECK(url.user == "seminar");
    CHECK(url.password == "s@cr:t/");
    CHECK(url.host == "db.example.org");
    CHECK(url.port == 6543);
    CHECK(url.database == "seminarflow");
    using Parameters = std::vector<std::pair<std::string, std::string>>;
    CHECK(url.parameters == Parameters{{"sslmode", "disable"}, {"connect_timeout", "3"}});
    CHECK(url.soci_backend() == "postgresql");
    CHECK(url.connect_string() ==
          "host='db.example.org' port='6543' dbname='seminarflow' user='seminar' password='s@cr:t/' "
          "sslmode='disable' connect_timeout='3' keepalives_idle='30' keepalives_interval='10' keepalives_count='3' "
          "tcp_user_timeout='30000' application_name='seminarflow'");
    CHECK(url.redacted() ==
          "postgresql://seminar:***@db.example.org:6543/seminarflow?sslmode=disable&connect_timeout=3");
}

TEST_CASE("a postgresql URL may leave out the password, the port and the user", "[url]") {
    const DatabaseUrl url = parsed("postgresql://seminar@localhost/seminarflow");
    CHECK(url.user == "seminar");
    CHECK_FALSE(url.password.has_value());
    CHECK_FALSE(url.port.has_value());
    // Defaults: a bounded connection wait, a server gone silent noticed within a minute, and a
    // name in pg_stat_activity.
    CHECK(url.connect_string() ==
          "host='localhost' dbname='seminarflow' user='seminar' connect_timeout='10' keepalives_idle='30' "
          "keepalives_interval='10' keepalives_count='3' tcp_user_timeout='30000' application_name='seminarflow'");
    // Each default gives way to the URL's own value.
    const std::string own = parsed("postgresql://seminar@localhost/seminarflow?keepalives_idle=5&tcp_user_timeout=0")
                                .connect_string();
    CHECK_THAT(own, Contains("keepalives_idle='5'"));
    CHECK_THAT(own, Contains("tcp_user_timeout='0'"));
    CHECK_THAT(own, !Contains("keepalives_idle='30'"));
    CHECK_THAT(own, !Contains("tcp_user_timeout='30000'"));
    CHECK(url.redacted() == "postgresql://seminar@localhost/seminarflow");

    const DatabaseUrl anonymous = parsed("postgres://localhost:5432/seminarflow");
    CHECK(anonymous.user.empty());
    CHECK(anonymous.port == 5432);
    CHECK(anonymous.redacted() == "postgresql://localhost:5432/seminarflow");

    const DatabaseUrl empty_password = parsed("postgresql://seminar:@localhost/seminarflow");
    CHECK(empty_password.password == "");
    CHECK_THAT(empty_password.connect_string(), Contains("password=''"));
}

TEST_CASE("postgresql URL parts are decoded and quoted for libpq", "[url]") {
    SECTION("an IPv6 host in brackets") {
        const DatabaseUrl url = parsed("postgresql://u:p@[::1]:5433/db");
        CHECK(url.host == "::1");
        CHECK(url.port == 5433);
        CHECK(url.redacted() == "postgresql://u:***@[::1]:5433/db");
    }
    SECTION("an unencoded '@' in the password: the last '@' ends it") {
        const DatabaseUrl url = parsed("postgresql://u:p@ss@host/db");
        CHECK(url.password == "p@ss");
        CHECK(url.host == "host");
    }
    SECTION("quotes and backslashes are escaped in the connect string") {
        CHECK_THAT(parsed("postgresql://u:it's%5C@h/db").connect_string(), Contains(R"(password='it\'s\\')"));
    }
    SECTION("a Vietnamese database name") {
        CHECK(parsed("postgresql://u@h/h%E1%BB%99i_th%E1%BA%A3o").database == "hội_thảo");
    }
    SECTION("query values are decoded, and parameters naming a password are redacted") {
        const DatabaseUrl url = parsed("postgresql://u@h/db?options=-c%20search_path%3Dflow&sslpassword=k%26y");
        CHECK(url.parameters.at(0).second == "-c search_path=flow");
        CHECK(url.parameters.at(1).second == "k&y");
        CHECK(url.redacted() == "postgresql://u@h/db?options=-c%20search_path%3Dflow&sslpassword=***");
    }
}

// scripts/fuzz.sh found a redacted form that showed ":<password>@": the decoded host held it.
TEST_CASE("a redacted URL is encoded again and parses back with its secrets hidden", "[url]") {
    const DatabaseUrl url = parsed("postgresql://u%3A:x@h%3Ax%40/d%40b%2F?options=%3Ax%40&sslpassword=x");
    CHECK(url.user == "u:");
    CHECK(url.host == "h:x@");
    CHECK(url.database == "d@b/");
    CHECK(url.redacted() == "postgresql://u%3A:***@[h:x%40]/d%40b%2F?options=%3Ax%40&sslpassword=***");
    CHECK_THAT(url.redacted(), !Contains(":x@"));

    const DatabaseUrl again = parsed(url.redacted());
    CHECK(again.user == url.user);
    CHECK(again.password == "***");
    CHECK(again.host == url.host);
    CHECK(again.database == url.database);
    CHECK(again.parameters.at(0) == url.parameters.at(0));

    CHECK(parsed("sqlite:///tmp/h%E1%BB%99i%3F%23.db").redacted() == "sqlite:///tmp/h%E1%BB%99i%3F%23.db");
    CHECK(parsed("sqlite:dir/100%25.db").redacted() == "sqlite:dir/100%25.db");
}

TEST_CASE("a bad database URL is refused with a sentence that says what is wrong", "[url]") {
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"", "the database URL is empty"},
        {"seminarflow.db", "not a database URL: write sqlite:///absolute/path.db"},
        {"mysql://u@h/db", "unsupported database scheme 'mysql'"},
        {" sqlite:x.db", "begins or ends with a space"},
        {"sqlite:x.db\n", "holds a control character"},
        {"sqlite:x.db#backup", "takes no fragment"},
        {"sqlite:", "the sqlite URL names no database file"},
        {"sqlite://", "the sqlite URL names no database file"},
        {"sqlite://localhost/x.db", "a sqlite URL names no host"},
        {"sqlite:///x.db?mode=ro", "a sqlite URL takes no query parameters"},
        {"sqlite::memory:", "an in-memory sqlite database cannot be shared"},
        {"sqlite:///var/lib/", "ends with '/', which names a directory"},
        {"sqlite:///x%2.db", "bad percent-encoding in the sqlite path"},
        {"sqlite:///x%g1.db", "bad percent-encoding in the sqlite path"},
        {"sqlite:///x%00.db", "the sqlite path holds a NUL character"},
        {"postgresql:seminarflow", "a postgresql URL starts with postgresql://"},
        {"postgresql://u:p@/db", "the postgresql URL names no host"},
        {"postgresql://u:p@:5432/db", "the postgresql URL names no host"},
        {"postgresql://u:p@h1,h2/db", "names one host, not several"},
        {"postgresql://u:p@[::1/db", "has no closing ']'"},
        {"postgresql://u:p@[::1]5432/db", "only ':port' may follow an IPv6 address"},
        {"postgresql://u:p@h:/db", "the port after ':' is empty"},
        {"postgresql://u:p@h:port/db", "the port must be a number from 1 to 65535"},
        {"postgresql://u:p@h:0/db", "the port must be a number from 1 to 65535"},
        {"postgresql://u:p@h:65536/db", "the port must be a number from 1 to 65535"},
        {"postgresql://u:p@h", "the postgresql URL names no database"},
        {"postgresql://u:p@h/", "the postgresql URL names no database"},
        {"postgresql://u:p@h/a/b", "the database name holds a '/'"},
        {"postgresql://:p@h/db", "the user name before '@' is empty"},
        {"postgresql://@h/db", "the user name before '@' is empty"},
        {"postgresql://u%zz:p@h/db", "bad percent-encoding in the user name"},
        {"postgresql://u:p%zz@h/db", "bad percent-encoding in the password"},
        {"postgresql://u:p@h%/db", "bad percent-encoding in the host"},
        {"postgresql://u:p@h/d%b", "bad percent-encoding in the database name"},
        {"postgresql://u:p@h/db?", "the query has an empty parameter"},
        {"postgresql://u:p@h/db?sslmode=disable&", "the query has an empty parameter"},
        {"postgresql://u:p@h/db?sslmode", "the query parameter 'sslmode' has no value"},
        {"postgresql://u:p@h/db?SSLMode=disable", "must be a libpq keyword"},
        {"postgresql://u:p@h/db?password=x", "the query parameter 'password' belongs in the URL itself"},
        {"postgresql://u:p@h/db?host=other", "the query parameter 'host' belongs in the URL itself"},
        {"postgresql://u:p@h/db?sslmode=disable&sslmode=require", "the query parameter 'sslmode' is given twice"},
        {"postgresql://u:p@h/db?sslmode=%zz", "bad percent-encoding in the value of the query parameter 'sslmode'"},
    }));
    CAPTURE(text);
    const auto url = parse_database_url(text);
    REQUIRE_FALSE(url.ok());
    CHECK_THAT(url.error().message, Contains(message));
}

TEST_CASE("a refused URL never repeats its password", "[url]") {
    // An unencoded '/' cuts the password, and the rest looks like a port: the message must not
    // show that piece of it.
    const auto url = parse_database_url("postgresql://seminar:top/secret@db/seminarflow");
    REQUIRE_FALSE(url.ok());
    CHECK_THAT(url.error().message, Contains("percent-encode '/', '@' and ':' inside a password"));
    CHECK_THAT(url.error().message, !Contains("top") && !Contains("secret"));

    const auto bad_escape = parse_database_url("postgresql://seminar:secret%zz@db/seminarflow");
    REQUIRE_FALSE(bad_escape.ok());
    CHECK_THAT(bad_escape.error().message, !Contains("secret"));
}

TEST_CASE("SociStore::open refuses a bad URL as a value, and connects nothing for a good one", "[url]") {
    const auto refused = SociStore::open("postgresql://u:p@h:99999/db");
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().message, Contains("the port must be a number"));

    // Nothing listens there, and nothing needs to: the store connects on first use.
    const auto store = SociStore::open("postgresql://u:p@127.0.0.1:9/db", SociStoreOptions{.pool_size = 2});
    REQUIRE(store.ok());
    CHECK(store.value()->url().redacted() == "postgresql://u:***@127.0.0.1:9/db");
}

}  // namespace seminarflow
