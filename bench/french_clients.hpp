// A deterministic generator of realistic French clients for the load and search benchmarks.
//
// The same seed always yields the same sequence of clients, and the first K clients do not depend
// on how many are generated afterwards, so the `search` command can rebuild exactly what `load`
// sent and build queries from clients it knows exist.
//
// Identifiers are unique by construction (phones and SIRENs come from bijective counters, e-mails
// are checked against everything issued so far), except for the deliberate near-duplicates: about
// 2% of the clients re-enter an earlier one with the same phone in another format, the same e-mail
// with a different case, or the same SIRET with spaces. The server must answer "duplicate" for them.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bench {

// xoshiro256** seeded by splitmix64: fast, and identical on every platform (unlike std::
// distributions, whose output is implementation-defined).
class Rng {
public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n) { return next() % n; }  // bias negligible for small n
    bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    template <typename Container>
    const auto& pick(const Container& c) { return c[below(std::size(c))]; }

private:
    std::uint64_t s_[4];
};

// Draws index k in [0, n) with probability proportional to 1 / (k + 1)^exponent.
class Zipf {
public:
    Zipf(std::size_t n, double exponent);
    std::size_t draw(Rng& rng) const;
    double share(std::size_t k) const;  // probability of index k

private:
    std::vector<double> cumulative_;
};

// Popularity laws (Zipf exponents over the lists of french_data.hpp, most frequent first).
inline constexpr double kLastNameExponent = 0.5;   // "Martin" ~3% of people
inline constexpr double kFirstNameExponent = 0.5;
inline constexpr double kCommuneExponent = 0.5;    // Paris (20 postal codes at the top) ~1 client in 4
inline constexpr double kTradeExponent = 0.35;

enum class DuplicateKind : std::uint8_t { None, Phone, Email, Siret };
const char* to_string(DuplicateKind kind);

// What the benchmark needs to know about a generated client, in the form the server stores it.
struct ClientSummary {
    std::uint32_t index = 0;
    bool company = false;
    DuplicateKind duplicate = DuplicateKind::None;  // None: the server must create it
    std::int32_t anchor = -1;                        // for duplicates: the index of the original
    std::int16_t trade = -1;                         // index into data::trades() for companies
    std::string display_name;  // exactly as the API returns it ("M. Jean Martin", "SARL Dupont & Fils")
    std::string legal_name, trade_name, first_name, last_name, civility;
    std::string city, postal_code;
    std::string email;  // lower-case, as stored; empty when none
    std::string phone;  // national digits "0612345678"; empty when none
    std::string siren, siret;
};

struct GeneratorOptions {
    std::uint64_t seed = 20240601;
    double company_share = 0.70;
    double duplicate_share = 0.02;
    // A near-duplicate only repeats a client generated at least this many clients earlier, so that
    // its original has been committed even when several batches are in flight at once.
    std::uint32_t duplicate_lag = 25000;
};

class FrenchClientGenerator {
public:
    explicit FrenchClientGenerator(GeneratorOptions options = {});

    // Generates the next client. Its JSON object (the API's client shape) is appended to `json`
    // when `json` is not null.
    const ClientSummary& next(std::string* json);

    const std::vector<ClientSummary>& clients() const { return clients_; }
    std::size_t duplicates() const { return duplicates_; }

private:
    struct Person {
        std::string civility, first, last;
    };
    struct Address {
        std::string line1, line2, postal_code, city;
    };

    Person person();
    Address address(std::size_t commune);
    std::string new_phone(char zone);  // '1'..'5' landline, '6' mobile, '9' VoIP
    std::string new_siren();
    std::string unique_email(const std::string& local, const std::string& domain);
    std::string unique_domain(const std::string& base, const std::string& city);
    std::string personal_email(const Person& p);
    ClientSummary company(std::string& json);
    ClientSummary individual(std::string& json);
    bool duplicate(ClientSummary& out, std::string& json);

    GeneratorOptions options_;
    Rng rng_;
    Zipf last_names_, first_names_, communes_, trades_;
    std::vector<std::uint64_t> phone_counters_;  // per 3-digit prefix
    std::uint64_t siren_counter_ = 0;
    std::unordered_set<std::uint64_t> emails_, domains_;  // hashes of what was issued
    std::unordered_map<std::uint64_t, std::uint32_t> next_suffix_;  // taken address -> next number to try
    std::vector<ClientSummary> clients_;
    std::size_t duplicates_ = 0;
};

// Helpers shared with the search benchmark.
std::string fold_ascii(std::string_view utf8);  // "Lefèvre-Éloïse" -> "lefevre-eloise" (case and accents)
std::string slug(std::string_view utf8, char separator);  // words joined by separator, ASCII only
std::string format_phone(const std::string& national, int style);  // style 0..6, see .cpp
std::string to_e164(const std::string& national);                   // "0612345678" -> "+33612345678"
bool luhn_valid(std::string_view digits);

}  // namespace bench
