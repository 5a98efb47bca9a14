// SPDX-License-Identifier: GPL-3.0-or-later
// What every fuzz target needs: an invariant check that stops on the input that broke it, and the number
// of lines of an input as the parsers count them.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstdio>
#include <cstdlib>

namespace Stockroom::Fuzz {

/** The input being run, set by the replay driver (libFuzzer saves a failing input itself). */
inline const QByteArray *currentInput = nullptr;

/** An invariant that no input may break: abort, so that libFuzzer (or CTest) reports the input. */
inline void check(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz: invariant broken: %s\n", what);
        if (currentInput) {
            std::fprintf(stderr, "fuzz: the input, %lld bytes in hex: %s\n", qlonglong(currentInput->size()),
                         currentInput->toHex().constData());
        }
        std::abort();
    }
}

/**
 * The lines of an input: its line breaks (CRLF, LF or a lone CR, each one break) plus one. No record, row
 * or problem of a parser can start on a later line.
 */
inline int lineCount(QByteArrayView bytes)
{
    int lines = 1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'))) {
            ++lines;
        }
    }
    return lines;
}

} // namespace Stockroom::Fuzz
