#include "french_clients.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "french_data.hpp"

namespace bench {
namespace {

using std::string;
using std::string_view;

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t fnv1a(string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h;
}

// ---- a minimal JSON writer: every value here is a string, an array of strings, or an object ----

void append_escaped(string& out, string_view s) {
    out.push_back('"');
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
}

class JsonObject {
public:
    explicit JsonObject(string& out) : out_(out) { out_.push_back('{'); }
    JsonObject(const JsonObject&) = delete;
    ~JsonObject() { out_.push_back('}'); }

    void str(string_view key, string_view value) {
        this->key(key);
        append_escaped(out_, value);
    }
    void str_if(string_view key, string_view value) {
        if (!value.empty()) str(key, value);
    }
    void strings(string_view key, const std::vector<string>& values) {
        this->key(key);
        out_.push_back('[');
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out_.push_back(',');
            append_escaped(out_, values[i]);
        }
        out_.push_back(']');
    }
    // Opens a nested value: the caller writes it right after.
    string& key(string_view key) {
        if (!first_) out_.push_back(',');
        first_ = false;
        append_escaped(out_, key);
        out_.push_back(':');
        return out_;
    }

private:
    string& out_;
    bool first_ = true;
};

// ---- text helpers ----

// Latin letters French text uses, as (UTF-8, ASCII fold) pairs.
constexpr std::pair<string_view, string_view> kFolds[] = {
    {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
    {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"ô", "o"}, {"ö", "o"}, {"ó", "o"}, {"ù", "u"}, {"û", "u"},
    {"ü", "u"}, {"ú", "u"}, {"ç", "c"}, {"œ", "oe"}, {"æ", "ae"}, {"ÿ", "y"}, {"ñ", "n"}, {"À", "a"},
    {"Â", "a"}, {"Ä", "a"}, {"É", "e"}, {"È", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"Î", "i"}, {"Ï", "i"},
    {"Ô", "o"}, {"Ö", "o"}, {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"Ç", "c"}, {"Œ", "oe"}, {"Æ", "ae"},
};

string upper_ascii_and_latin(string_view s) {
    // Upper-cases ASCII letters and the accented lower-case letters above (é -> É…), as a user with
    // caps lock would type a name.
    string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : static_cast<char>(c));
            ++i;
            continue;
        }
        // Two-byte Latin-1 supplement: lower-case à..þ (C3 A0..C3 BE) map to C3 80..C3 9E.
        if (c == 0xC3 && i + 1 < s.size()) {
            unsigned char d = static_cast<unsigned char>(s[i + 1]);
            out.push_back(static_cast<char>(c));
            out.push_back(static_cast<char>(d >= 0xA0 && d <= 0xBE && d != 0xB7 ? d - 0x20 : d));
            i += 2;
            continue;
        }
        out.push_back(static_cast<char>(c));
        ++i;
    }
    return out;
}

string replace_all(string s, string_view from, string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

string two_digits(unsigned n) {
    string s = std::to_string(n % 100);
    return s.size() < 2 ? "0" + s : s;
}

char luhn_digit(const string& payload) {
    // The digit that, appended to `payload`, makes the whole number Luhn-valid.
    int sum = 0;
    bool doubled = true;  // the appended digit is undoubled, so the payload's last digit is doubled
    for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
        int d = *it - '0';
        if (doubled) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubled = !doubled;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Valid 3-digit prefixes (checked against libphonenumber's metadata): 06x/07x mobiles, 0Zx landlines
// of zone Z (040 does not exist), 09x VoIP.
constexpr string_view kMobilePrefixes[] = {"060", "061", "062", "064", "065", "066", "067",
                                           "068", "073", "074", "075", "076", "077", "078"};
constexpr string_view kVoipPrefixes[] = {"095", "097", "098", "099"};

std::size_t prefix_slot(string_view prefix) { return static_cast<std::size_t>(std::stoi(string(prefix))); }

// A pseudo-random permutation of [0, domain): a 4-round Feistel network on 2*half_bits bits, walked
// until it lands inside the domain. Counters mapped through it give identifiers that look random
// but can never repeat.
std::uint64_t permute(std::uint64_t x, std::uint64_t domain, int half_bits, std::uint64_t key) {
    const std::uint64_t mask = (1ULL << half_bits) - 1;
    do {
        std::uint64_t left = x >> half_bits, right = x & mask;
        for (std::uint64_t round = 0; round < 4; ++round) {
            std::uint64_t k = key + round * 0x9e3779b97f4a7c15ULL + right;
            const std::uint64_t f = splitmix64(k) & mask;
            const std::uint64_t next = left ^ f;
            left = right;
            right = next;
        }
        x = (left << half_bits) | right;
    } while (x >= domain);
    return x;
}

// "de" before a consonant, "d'" before a vowel: "Garage de Blois", "Cave d'Angers".
string de(const string& name) {
    static constexpr string_view kVowels[] = {"A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "Î", "Ô", "À", "Â"};
    for (auto v : kVowels)
        if (name.starts_with(v)) return "d'" + name;
    return "de " + name;
}

}  // namespace

// ---- Rng / Zipf ----

Rng::Rng(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

Zipf::Zipf(std::size_t n, double exponent) {
    cumulative_.reserve(n);
    double total = 0;
    for (std::size_t k = 0; k < n; ++k) {
        total += 1.0 / std::pow(static_cast<double>(k + 1), exponent);
        cumulative_.push_back(total);
    }
    for (auto& c : cumulative_) c /= total;
}

std::size_t Zipf::draw(Rng& rng) const {
    const double u = rng.unit();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

double Zipf::share(std::size_t k) const { return cumulative_[k] - (k ? cumulative_[k - 1] : 0.0); }

const char* to_string(DuplicateKind kind) {
    switch (kind) {
        case DuplicateKind::None: return "none";
        case DuplicateKind::Phone: return "phone";
        case DuplicateKind::Email: return "email";
        case DuplicateKind::Siret: return "siret";
    }
    return "?";
}

// ---- shared helpers ----

string fold_ascii(string_view s) {
    string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
            ++i;
            continue;
        }
        bool matched = false;
        for (const auto& [from, to] : kFolds) {
            if (s.substr(i, from.size()) == from) {
                out += to;
                i += from.size();
                matched = true;
                break;
            }
        }
        if (!matched) ++i;  // other non-ASCII bytes are dropped
    }
    return out;
}

string slug(string_view s, char separator) {
    string folded = fold_ascii(s), out;
    for (char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out.push_back(c);
        } else if (c == '\'') {
            continue;  // "Le Floc'h" -> "lefloch", "N'Diaye" -> "ndiaye"
        } else if (separator && !out.empty() && out.back() != separator) {
            out.push_back(separator);
        }
    }
    while (!out.empty() && out.back() == separator) out.pop_back();
    return out;
}

bool luhn_valid(string_view digits) {
    int sum = 0;
    bool doubled = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') return false;
        int d = *it - '0';
        if (doubled) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubled = !doubled;
    }
    return !digits.empty() && sum % 10 == 0;
}

string to_e164(const string& national) { return "+33" + national.substr(1); }

// 0 "06 12 34 56 78"   1 "0612345678"        2 "06.12.34.56.78"   3 "+33 6 12 34 56 78"
// 4 "+33612345678"     5 "06-12-34-56-78"    6 "+33 (0)6 12 34 56 78"
string format_phone(const string& n, int style) {
    auto grouped = [&](char sep) {
        string out = n.substr(0, 2);
        for (std::size_t i = 2; i < 10; i += 2) {
            out.push_back(sep);
            out += n.substr(i, 2);
        }
        return out;
    };
    auto international = [&](bool spaced, bool zero) {
        string out = spaced ? (zero ? "+33 (0)" : "+33 ") : "+33";
        out.push_back(n[1]);
        for (std::size_t i = 2; i < 10; i += 2) {
            if (spaced) out.push_back(' ');
            out += n.substr(i, 2);
        }
        return out;
    };
    switch (style) {
        case 0: return grouped(' ');
        case 1: return n;
        case 2: return grouped('.');
        case 3: return international(true, false);
        case 4: return international(false, false);
        case 5: return grouped('-');
        default: return international(true, true);
    }
}

// ---- generator ----

FrenchClientGenerator::FrenchClientGenerator(GeneratorOptions options)
    : options_(options),
      rng_(options.seed),
      last_names_(data::last_names().size(), kLastNameExponent),
      first_names_(data::first_names().size(), kFirstNameExponent),
      communes_(data::communes().size(), kCommuneExponent),
      trades_(data::trades().size(), kTradeExponent),
      phone_counters_(100, 0) {}

FrenchClientGenerator::Person FrenchClientGenerator::person() {
    const auto& first = data::first_names()[first_names_.draw(rng_)];
    return {first.female ? "mrs" : "mr", string(first.name), string(data::last_names()[last_names_.draw(rng_)])};
}

FrenchClientGenerator::Address FrenchClientGenerator::address(std::size_t commune) {
    const auto& c = data::communes()[commune];
    Address a;
    const unsigned number = 1 + static_cast<unsigned>(rng_.below(rng_.chance(0.7) ? 60 : 250));
    a.line1 = std::to_string(number);
    if (rng_.chance(0.05)) a.line1 += rng_.chance(0.8) ? " bis" : " ter";
    a.line1 += " ";
    a.line1 += rng_.pick(data::street_types());
    a.line1 += " ";
    a.line1 += rng_.pick(data::street_names());
    if (rng_.chance(0.12)) a.line2 = string(rng_.pick(data::address_complements()));
    a.postal_code = string(c.postal_code);
    a.city = string(c.name);
    return a;
}

// A new number, never issued before: each 3-digit prefix has its own counter, mapped to the last
// 7 digits by a permutation of [0, 10^7) so numbers look random.
string FrenchClientGenerator::new_phone(char zone) {
    string prefix;
    if (zone == '6') {
        prefix = string(rng_.pick(kMobilePrefixes));
    } else if (zone == '9') {
        prefix = string(rng_.pick(kVoipPrefixes));
    } else {
        prefix = {'0', zone, static_cast<char>('1' + rng_.below(9))};
    }
    const std::size_t slot = prefix_slot(prefix);
    const std::uint64_t n = phone_counters_[slot]++;
    const std::uint64_t suffix = permute(n, 10000000ULL, 12, options_.seed * 131 + slot);
    string digits = std::to_string(suffix);
    return prefix + string(7 - digits.size(), '0') + digits;
}

// SIRENs from a counter mapped by a permutation of [0, 9*10^7): 8 digits from 10000000, then the
// Luhn key.
string FrenchClientGenerator::new_siren() {
    for (;;) {
        const std::uint64_t n = siren_counter_++;
        const std::uint64_t base = 10000000ULL + permute(n, 90000000ULL, 14, options_.seed ^ 0x5111e7ULL);
        string payload = std::to_string(base);
        if (payload == "35600000") continue;  // La Poste's SIREN follows another rule
        return payload + luhn_digit(payload);
    }
}

// The address itself when it is free, else the local part with the next number ("jean.martin7@…"),
// remembering per address where to resume so that popular names stay cheap.
string FrenchClientGenerator::unique_email(const string& local, const string& domain) {
    string email = local + "@" + domain;
    if (emails_.insert(fnv1a(email)).second) return email;
    auto& n = next_suffix_[fnv1a(email)];
    if (n < 2) n = 2;
    do email = local + std::to_string(n++) + "@" + domain;
    while (!emails_.insert(fnv1a(email)).second);
    return email;
}

string FrenchClientGenerator::unique_domain(const string& base, const string& city) {
    string stem = base.substr(0, 40);
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    const char* tld = rng_.chance(0.8) ? ".fr" : ".com";
    string domain = stem + tld;
    if (domains_.insert(fnv1a(domain)).second) return domain;
    const string with_city = stem + "-" + slug(city, '-').substr(0, 20);
    domain = with_city + tld;
    if (domains_.insert(fnv1a(domain)).second) return domain;
    auto& n = next_suffix_[fnv1a(domain)];
    if (n < 2) n = 2;
    do domain = with_city + std::to_string(n++) + tld;
    while (!domains_.insert(fnv1a(domain)).second);
    return domain;
}

string FrenchClientGenerator::personal_email(const Person& p) {
    const string f = slug(p.first, '-'), l = slug(p.last, '-');
    string local;
    switch (rng_.below(6)) {
        case 0:
        case 1: local = f + "." + l; break;
        case 2: local = f + l; break;
        case 3: local = f.substr(0, 1) + l; break;
        case 4: local = l + "." + f; break;
        default: local = f + "." + l + two_digits(static_cast<unsigned>(50 + rng_.below(55))); break;
    }
    return unique_email(local, string(rng_.pick(data::personal_mail_domains())));
}

namespace {

const char* pick_weighted(Rng& rng, std::initializer_list<std::pair<const char*, int>> choices) {
    int total = 0;
    for (const auto& c : choices) total += c.second;
    int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
    for (const auto& c : choices) {
        if (r < c.second) return c.first;
        r -= c.second;
    }
    return choices.begin()->first;
}

int phone_style(Rng& rng) {
    static constexpr int kWeights[] = {35, 20, 15, 15, 10, 5};
    int r = static_cast<int>(rng.below(100));
    for (int s = 0; s < 6; ++s) {
        if (r < kWeights[s]) return s;
        r -= kWeights[s];
    }
    return 0;
}

void write_common(JsonObject& o, Rng& rng) {
    o.str("status", pick_weighted(rng, {{"client", 60}, {"prospect", 30}, {"former_client", 10}}));
    o.str("payment_terms", pick_weighted(rng, {{"30d", 50}, {"45d_eom", 15}, {"60d", 15}, {"on_receipt", 20}}));
    o.str("payment_method",
          pick_weighted(rng, {{"transfer", 55}, {"card", 15}, {"cheque", 15}, {"direct_debit", 10}, {"cash", 5}}));
    if (rng.chance(0.10)) o.str("notes", rng.pick(data::notes()));
}

void write_address(JsonObject& o, const string& line1, const string& line2, const string& postal, const string& city) {
    string& out = o.key("billing_address");
    JsonObject a(out);
    a.str("line1", line1);
    a.str_if("line2", line2);
    a.str("postal_code", postal);
    a.str("city", city);
    a.str("country", "FR");
}

string expand_sign(string_view tpl, const string& first, const string& last, const string& city) {
    string s(tpl);
    s = replace_all(s, "{F}", first);
    s = replace_all(s, "{L}", last);
    s = replace_all(s, "de {C}", de(city));
    s = replace_all(s, "{C}", city);
    return s;
}

}  // namespace

ClientSummary FrenchClientGenerator::company(string& json) {
    ClientSummary out;
    out.company = true;
    const auto trade_index = trades_.draw(rng_);
    const auto& trade = data::trades()[trade_index];
    out.trade = static_cast<std::int16_t>(trade_index);
    const Person owner = person();
    const string second_last(data::last_names()[last_names_.draw(rng_)]);
    const std::size_t commune = communes_.draw(rng_);
    const Address addr = address(commune);
    const char zone = data::communes()[commune].phone_zone;

    const string form = pick_weighted(rng_, {{"SARL", 30}, {"SAS", 25}, {"SASU", 12}, {"EURL", 12}, {"EI", 12}, {"SA", 3}, {"SCI", 6}});
    string legal;
    const string L = owner.last, T(trade.word);
    if (form == "SCI") {
        static constexpr string_view kSci[] = {"Les Tilleuls", "du Moulin", "Les Oliviers", "de la Source", "Les Hauts de Seine",
                                               "Le Clos", "Les Trois Chênes", "du Parc"};
        legal = rng_.chance(0.5) ? "SCI " + L + (rng_.chance(0.3) ? " Patrimoine" : "") : "SCI " + string(rng_.pick(kSci));
    } else if (form == "EI" && rng_.chance(0.6)) {
        legal = rng_.chance(0.5) ? owner.first + " " + L : upper_ascii_and_latin(L) + " " + owner.first;
    } else {
        static constexpr string_view kHouse[] = {"Atelier", "Maison", "Établissements", "Ets"};
        static constexpr string_view kSuffix[] = {"Bâtiment", "Rénovation", "Services", "Distribution",
                                                  "Industrie", "Solutions", "Développement"};
        const auto r = rng_.below(100);
        if (r < 32) legal = T + " " + L;
        else if (r < 40) legal = rng_.chance(0.6) ? L + " & Fils" : L + " Frères";
        else if (r < 52) legal = T + " " + string(rng_.pick(data::place_suffixes()));
        else if (r < 62) legal = string(rng_.pick(kHouse)) + " " + L;
        else if (r < 69) legal = rng_.chance(0.5) ? "Cabinet " + L + " Conseil" : L + " & Associés";
        else if (r < 77) legal = T + " " + L + "-" + second_last;
        else if (r < 85) legal = T + " " + de(addr.city);
        else legal = L + " " + string(rng_.pick(kSuffix));
        if (rng_.chance(0.2)) legal = rng_.chance(0.6) ? form + " " + legal : legal + " " + form;
    }
    string trade_name;
    if (rng_.chance(0.45)) trade_name = expand_sign(rng_.pick(trade.signs), owner.first, L, addr.city);
    if (trade_name == legal) trade_name.clear();

    out.legal_name = legal;
    out.trade_name = trade_name;
    out.display_name = legal;
    out.first_name = owner.first;
    out.last_name = L;
    out.civility = owner.civility;
    out.city = addr.city;
    out.postal_code = addr.postal_code;

    JsonObject o(json);
    o.str("kind", "company");
    o.str("legal_name", legal);
    o.str_if("trade_name", trade_name);
    o.str("legal_form", form);
    if (rng_.chance(0.90)) {
        out.siren = new_siren();
        string nic = "000" + std::to_string(1 + rng_.below(5));
        nic.push_back(luhn_digit(out.siren + nic));
        out.siret = out.siren + nic;
        const bool spaced = rng_.chance(0.3);
        o.str("siret", spaced ? out.siret.substr(0, 3) + " " + out.siret.substr(3, 3) + " " + out.siret.substr(6, 3) + " " +
                                    out.siret.substr(9)
                              : out.siret);
        if (rng_.chance(0.3)) o.str("siren", out.siren);
        if (rng_.chance(0.6)) {
            const auto key = (12 + 3 * (std::stoull(out.siren) % 97)) % 97;
            o.str("vat_number", "FR" + two_digits(static_cast<unsigned>(key)) + out.siren);
        }
    }
    if (rng_.chance(0.7)) {
        string naf(trade.naf);
        o.str("naf_code", rng_.chance(0.7) ? naf : naf.substr(0, 2) + naf.substr(3));
    }
    string domain;
    if (rng_.chance(0.75)) domain = unique_domain(slug(trade_name.empty() ? legal : trade_name, '-'), addr.city);
    if (rng_.chance(0.85)) {
        if (!domain.empty()) {
            out.email = unique_email(pick_weighted(rng_, {{"contact", 60}, {"accueil", 15}, {"info", 15}, {"bonjour", 10}}), domain);
        } else {
            out.email = unique_email(slug(T, '-') + "." + slug(L, '-'), pick_weighted(rng_, {{"orange.fr", 50}, {"gmail.com", 30}, {"wanadoo.fr", 20}}));
        }
        o.str("email", rng_.chance(0.05) ? upper_ascii_and_latin(out.email) : out.email);
    }
    if (rng_.chance(0.92)) {
        const auto r = rng_.below(100);
        out.phone = new_phone(r < 70 ? zone : r < 80 ? '9' : '6');
        o.str("phone", format_phone(out.phone, phone_style(rng_)));
    }
    if (!domain.empty() && rng_.chance(0.5)) o.str("website", (rng_.chance(0.5) ? "https://www." : "www.") + domain);
    if (rng_.chance(0.95)) {
        write_address(o, addr.line1, addr.line2, addr.postal_code, addr.city);
    } else {
        out.city.clear();
        out.postal_code.clear();
    }
    write_common(o, rng_);

    const auto r = rng_.below(100);
    const int contacts = r < 30 ? 0 : r < 70 ? 1 : r < 90 ? 2 : 3;
    if (contacts) {
        string& arr = o.key("contacts");
        arr.push_back('[');
        for (int k = 0; k < contacts; ++k) {
            if (k) arr.push_back(',');
            Person p = (k == 0 && rng_.chance(0.5)) ? owner : person();
            JsonObject c(arr);
            c.str("civility", p.civility);
            c.str("first_name", p.first);
            c.str("last_name", p.last);
            string role(rng_.pick(data::contact_roles()));
            if (auto bar = role.find('|'); bar != string::npos)
                role = p.civility == "mrs" ? role.substr(bar + 1) : role.substr(0, bar);
            if (k == 0 && p.last == owner.last) role = p.civility == "mrs" ? "Gérante" : "Gérant";
            c.str_if("role", role);
            std::vector<string> emails, phones;
            if (rng_.chance(0.75)) {
                emails.push_back(domain.empty() ? personal_email(p)
                                                : unique_email(slug(p.first, '-') + "." + slug(p.last, '-'), domain));
                if (rng_.chance(0.15)) emails.push_back(personal_email(p));
            }
            if (rng_.chance(0.8)) phones.push_back(format_phone(new_phone('6'), phone_style(rng_)));
            if (rng_.chance(0.2)) phones.push_back(format_phone(new_phone(zone), phone_style(rng_)));
            if (!emails.empty()) c.strings("emails", emails);
            if (!phones.empty()) c.strings("phones", phones);
        }
        arr.push_back(']');
    }
    return out;
}

ClientSummary FrenchClientGenerator::individual(string& json) {
    ClientSummary out;
    const Person p = person();
    const std::size_t commune = communes_.draw(rng_);
    const Address addr = address(commune);
    out.first_name = p.first;
    out.last_name = p.last;
    out.civility = p.civility;
    out.display_name = (p.civility == "mrs" ? "Mme " : "M. ") + p.first + " " + p.last;
    out.city = addr.city;
    out.postal_code = addr.postal_code;

    JsonObject o(json);
    o.str("kind", "individual");
    o.str("civility", p.civility);
    o.str("first_name", p.first);
    o.str("last_name", p.last);
    if (rng_.chance(0.75)) {
        out.email = personal_email(p);
        o.str("email", out.email);
    }
    if (rng_.chance(0.85)) {
        out.phone = new_phone(rng_.chance(0.8) ? '6' : data::communes()[commune].phone_zone);
        o.str("phone", format_phone(out.phone, phone_style(rng_)));
    }
    if (rng_.chance(0.9)) {
        write_address(o, addr.line1, addr.line2, addr.postal_code, addr.city);
    } else {
        out.city.clear();
        out.postal_code.clear();
    }
    write_common(o, rng_);
    return out;
}

// Re-enters an earlier client the way a user would: same name (perhaps in capitals or with the
// legal form added), same town, and one identifier typed differently.
bool FrenchClientGenerator::duplicate(ClientSummary& out, string& json) {
    const std::size_t eligible = clients_.size() - options_.duplicate_lag;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const ClientSummary& a = clients_[rng_.below(eligible)];
        if (a.duplicate != DuplicateKind::None) continue;
        std::vector<DuplicateKind> kinds;
        if (!a.phone.empty()) kinds.push_back(DuplicateKind::Phone);
        if (!a.email.empty()) kinds.push_back(DuplicateKind::Email);
        if (!a.siret.empty()) kinds.push_back(DuplicateKind::Siret);
        if (kinds.empty()) continue;
        out = ClientSummary{};
        out.company = a.company;
        out.duplicate = kinds[rng_.below(kinds.size())];
        out.anchor = static_cast<std::int32_t>(a.index);
        out.trade = a.trade;
        out.first_name = a.first_name;
        out.last_name = rng_.chance(0.3) ? upper_ascii_and_latin(a.last_name) : a.last_name;
        out.civility = a.civility;
        out.city = a.city;
        out.postal_code = a.postal_code;

        JsonObject o(json);
        if (a.company) {
            out.legal_name = rng_.chance(0.3) ? upper_ascii_and_latin(a.legal_name) : a.legal_name;
            out.display_name = out.legal_name;
            o.str("kind", "company");
            o.str("legal_name", out.legal_name);
        } else {
            out.display_name = (a.civility == "mrs" ? "Mme " : "M. ") + a.first_name + " " + out.last_name;
            o.str("kind", "individual");
            o.str("civility", a.civility);
            o.str("first_name", a.first_name);
            o.str("last_name", out.last_name);
        }
        switch (out.duplicate) {
            case DuplicateKind::Phone: {
                out.phone = a.phone;
                o.str("phone", format_phone(a.phone, static_cast<int>(rng_.below(6))));
                break;
            }
            case DuplicateKind::Email: {
                out.email = a.email;
                string variant = a.email;
                if (rng_.chance(0.5)) {
                    variant = upper_ascii_and_latin(variant);
                } else {
                    variant[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(variant[0])));
                    const auto at = variant.find('@');
                    if (at + 1 < variant.size())
                        variant[at + 1] = static_cast<char>(std::toupper(static_cast<unsigned char>(variant[at + 1])));
                }
                o.str("email", variant);
                break;
            }
            case DuplicateKind::Siret: {
                out.siret = a.siret;
                out.siren = a.siren;
                o.str("siret", a.siret.substr(0, 3) + " " + a.siret.substr(3, 3) + " " + a.siret.substr(6, 3) + " " +
                                   a.siret.substr(9));
                break;
            }
            case DuplicateKind::None: break;
        }
        if (!a.city.empty() && rng_.chance(0.7)) write_address(o, "", "", a.postal_code, a.city);
        write_common(o, rng_);
        return true;
    }
    return false;
}

const ClientSummary& FrenchClientGenerator::next(string* json) {
    string scratch;
    string& out = json ? *json : scratch;
    const std::size_t mark = out.size();
    ClientSummary summary;
    bool made = false;
    if (clients_.size() > options_.duplicate_lag && rng_.chance(options_.duplicate_share)) {
        made = duplicate(summary, out);
        if (made) ++duplicates_;
        else out.resize(mark);
    }
    if (!made) summary = rng_.chance(options_.company_share) ? company(out) : individual(out);
    summary.index = static_cast<std::uint32_t>(clients_.size());
    clients_.push_back(std::move(summary));
    return clients_.back();
}

}  // namespace bench
