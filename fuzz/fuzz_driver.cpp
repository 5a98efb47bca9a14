// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a fuzz target without libFuzzer (any compiler): every file of its seed folders, then seeded random
// mutations of them, a bounded number. CTest runs it as fuzz_<name>; a broken invariant aborts.
//   fuzz_<name> [--runs N] [--seed S] [SEED_FOLDER…]   (default: the target's corpus/<name>)
#include "fuzzsupport.h"

#include <QByteArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>
#include <random>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

void run(const QByteArray &input)
{
    Stockroom::Fuzz::currentInput = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
}

/** Bytes that matter to the parsers (CSV, URLs, ZPL), to be put in more often than chance would. */
constexpr char interesting[]
    = {',',        '"',        '\n',       '\r',       '\t',       ';',        ' ',  ':',        '|',
       '-',        '$',        '\'',       '0',        '9',        '.',        'Z',  char(0xEF), char(0xBB),
       char(0xBF), char(0xC3), char(0xA3), char(0xE2), char(0xFF), char(0x80), '\0', '/',        '@',
       '?',        '%',        '=',        '^',        '~',        '_',        '>'};

QByteArray mutated(const QList<QByteArray> &corpus, std::mt19937 &random)
{
    auto below = [&](qsizetype bound) { return qsizetype(random() % quint32(qMax<qsizetype>(bound, 1))); };
    QByteArray input = corpus.at(below(corpus.size()));
    const int steps = 1 + int(below(8));
    for (int step = 0; step < steps; ++step) {
        const qsizetype at = below(input.size() + 1);
        switch (below(8)) {
        case 0: // flip a bit
            if (!input.isEmpty()) {
                input[below(input.size())] ^= char(1 << below(8));
            }
            break;
        case 1:
        case 2: // put in a byte that matters
            input.insert(at, interesting[below(sizeof interesting)]);
            break;
        case 3: // take some out
            input.remove(at, below(16) + 1);
            break;
        case 4: // repeat a piece
            input.insert(at, input.mid(below(input.size()), below(32) + 1));
            break;
        case 5: // splice in another input
        {
            const QByteArray &other = corpus.at(below(corpus.size()));
            input.insert(at, other.mid(below(other.size()), below(other.size()) + 1));
            break;
        }
        case 6: // cut the end off (a truncated download)
            input.truncate(at);
            break;
        case 7: // a random byte
            input.insert(at, char(random()));
            break;
        }
    }
    if (below(1000) == 0) {
        // Now and then larger than a read of the stream (64 KiB), so that records cross the chunks.
        const QByteArray piece = input.isEmpty() ? QByteArray("a,\"b\nc\"\n") : input;
        while (input.size() < 70'000) {
            input += piece;
        }
    }
    return input;
}

} // namespace

int main(int argc, char **argv)
{
    const QByteArray target = QFileInfo(QString::fromLocal8Bit(argv[0])).fileName().toLocal8Bit();
    int runs = 20'000;
    quint32 seed = 20'250'511;
    QStringList folders;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--runs" && i + 1 < argc) {
            runs = QByteArray(argv[++i]).toInt();
        } else if (argument == "--seed" && i + 1 < argc) {
            seed = QByteArray(argv[++i]).toUInt();
        } else {
            folders << QString::fromLocal8Bit(argument);
        }
    }
    if (folders.isEmpty()) {
        folders << QStringLiteral(FUZZ_CORPUS_DIR);
    }
    QList<QByteArray> corpus;
    for (const QString &folder : std::as_const(folders)) {
        const QDir dir(folder);
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        if (names.isEmpty()) {
            std::fprintf(stderr, "%s: no seed files in %s\n", target.constData(), qPrintable(folder));
            return 1;
        }
        for (const QString &name : names) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly)) {
                corpus << file.readAll();
            }
        }
    }
    QElapsedTimer timer;
    timer.start();
    run(QByteArray());
    for (const QByteArray &input : std::as_const(corpus)) {
        run(input);
    }
    std::mt19937 random(seed);
    for (int i = 0; i < runs; ++i) {
        run(mutated(corpus, random));
    }
    std::printf("%s: %lld seed files and %d mutations (seed %u) in %.1f s, every invariant held\n",
                target.constData(), qlonglong(corpus.size()), runs, seed, double(timer.elapsed()) / 1000.0);
    return 0;
}
