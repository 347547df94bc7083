// The parsers of received files never crash and always answer cleanly: thousands of deterministic
// mutations of the example invoices (bytes flipped, inserted, deleted, chunks duplicated or cut,
// tags swapped, numbers replaced by garbage) go through read_received and the rules. (With clang,
// the same entry point could feed libFuzzer; this test runs everywhere, in a few seconds.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "modules/einvoice/inbound/received_file.hpp"
#include "modules/einvoice/model/rules.hpp"
#include "modules/einvoice/tests/sample_invoices.hpp"
#include "modules/einvoice/xml/cii.hpp"
#include "modules/einvoice/xml/ubl.hpp"

namespace comptoir::einvoice {
namespace {

std::vector<std::string> seeds() {
    std::vector<std::string> out;
    for (const auto& s : test::samples()) {
        auto inv = from_document(s.document, s.totals, s.context).value();
        out.push_back(xml::write_cii(inv));
        out.push_back(xml::write_ubl(inv));
    }
    const std::string dir = test::shared_dir();
    if (!dir.empty())
        for (const char* sub : {"/examples/cen-cii", "/examples/cen-ubl", "/examples/mustang/valid", "/examples/mustang/invalid"})
            for (const auto& e : std::filesystem::directory_iterator(dir + sub)) {
                if (e.file_size() > 200000) continue;
                std::ifstream in(e.path(), std::ios::binary);
                out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            }
    return out;
}

std::string mutate(std::string s, std::mt19937& rng) {
    if (s.empty()) return s;
    auto pos = [&] { return std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng); };
    static const char* kGarbage[] = {"-", "1e309", "99999999999999999999", ".", "NaN", "&amp;", "<", "]]>", "\xff\xfe",
                                     "0.0000001", "", "20261340", "<x>", "</ram:ID>", "\0"};
    const int rounds = 1 + static_cast<int>(rng() % 4);
    for (int r = 0; r < rounds && !s.empty(); ++r) {
        switch (rng() % 7) {
            case 0: s[pos()] = static_cast<char>(rng() % 256); break;
            case 1: s.insert(pos(), 1, static_cast<char>(rng() % 256)); break;
            case 2: { auto p = pos(); s.erase(p, std::min<std::size_t>(rng() % 64, s.size() - p)); break; }
            case 3: { auto p = pos(); auto n = std::min<std::size_t>(rng() % 256, s.size() - p); s.insert(pos(), s.substr(p, n)); break; }
            case 4: s.resize(pos()); break;
            case 5: {  // a number or a date replaced by garbage
                auto p = s.find('>', pos());
                if (p != std::string::npos) s.insert(p + 1, kGarbage[rng() % (sizeof kGarbage / sizeof *kGarbage)]);
                break;
            }
            case 6: {  // two tags swapped
                auto a = s.find('<', pos()), b = s.find('<', pos());
                if (a != std::string::npos && b != std::string::npos && a != b) std::swap(s[a + 1], s[b + 1]);
                break;
            }
        }
    }
    return s;
}

TEST(ReceptionFuzz, ThousandsOfMutatedFilesNeverCrashAndAlwaysAnswer) {
    const auto corpus = seeds();
    ASSERT_FALSE(corpus.empty());
    std::mt19937 rng(20261126);
    int refused = 0, read = 0;
    for (int i = 0; i < 6000; ++i) {
        const std::string input = mutate(corpus[static_cast<std::size_t>(i) % corpus.size()], rng);
        auto r = read_received(input);
        if (!r) {
            ++refused;
            ASSERT_FALSE(r.error().fields.empty());
            EXPECT_FALSE(r.error().fields[0].message_fr.empty());
            EXPECT_FALSE(r.error().fields[0].code.empty());
            continue;
        }
        ++read;
        for (const auto& v : check_rules(r->parsed.invoice)) EXPECT_FALSE(v.rule.empty());
    }
    EXPECT_GT(refused, 100);
    EXPECT_GT(read, 100);
}

}  // namespace
}  // namespace comptoir::einvoice
