/* A test-harness stand-in for Windows' bcryptprimitives.dll, which Wine 8
 * lacks: Rust's standard library imports ProcessPrng from it. This one
 * exports ProcessPrng by calling RtlGenRandom (SystemFunction036, advapi32).
 * Placed beside the .exe under Wine only; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
