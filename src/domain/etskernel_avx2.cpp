// SPDX-License-Identifier: GPL-3.0-or-later
// The smoothing kernel compiled with -mavx2 (and without FMA, so its results are bit for bit those of the
// baseline copy); chosen at run time by EtsKernel::run().
#define STOCKROOM_KERNEL_NAME runAvx2
#include "etskernel.cpp"
