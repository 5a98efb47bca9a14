// SPDX-License-Identifier: GPL-3.0-or-later
// The smoothing kernel once more for AVX2, chosen at run time by EtsKernel::run(). The headers are read
// first with the baseline instruction set, and only the code that follows the target pragma — the kernel's
// own functions — is compiled for AVX2: compiling the whole file with -mavx2 would also emit AVX2 copies of
// the inline functions of Qt and the standard library it uses, and the linker may keep such a copy for the
// whole program, which would then fail on a processor without AVX2. No FMA: both copies give the same bits.
#include "etskernel.h"

#include <cmath>

#if defined(__x86_64__) || defined(__i386__)
#pragma GCC push_options
#pragma GCC target("avx2")
#define STOCKROOM_KERNEL_NAME runAvx2
#include "etskernel.cpp"
#pragma GCC pop_options
#endif
