# One INTERFACE target carries every flag, so each library and test links the same settings.
add_library(attt_settings INTERFACE)
target_compile_options(attt_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wformat=2
    -Wimplicit-fallthrough -Wduplicated-cond -Wlogical-op -Wcast-qual
    -fstack-protector-strong)
target_include_directories(attt_settings INTERFACE ${CMAKE_SOURCE_DIR})
if(ATTT_WERROR)
    target_compile_options(attt_settings INTERFACE -Werror)
endif()
if(ATTT_SANITIZE)
    # -fno-sanitize-recover makes every UBSan report fatal, so CTest sees it as a failure.
    target_compile_options(attt_settings INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(attt_settings INTERFACE -fsanitize=address,undefined)
endif()

# attt_library(NAME DIR DEPS...): one library per folder of the flow, sources found in DIR.
function(attt_library name dir)
    file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cpp")
    add_library(${name} STATIC ${sources})
    target_link_libraries(${name} PUBLIC attt_settings ${ARGN})
endfunction()

# libFuzzer targets (tests/fuzz, run by scripts/fuzz). Every library is instrumented for
# coverage (fuzzer-no-link) and checked by ASan + UBSan; only the fuzzer executables link the
# libFuzzer driver. Clang only: g++ has no libFuzzer.
option(ATTT_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)
if(ATTT_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR
            "ATTT_FUZZ=ON needs clang (libFuzzer), but the C++ compiler is "
            "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}. Configure a fresh build "
            "directory with CC=clang CXX=clang++, or run scripts/fuzz.")
    endif()
    # Clang does not know the g++-only warnings above (-Wduplicated-cond, -Wlogical-op).
    target_compile_options(attt_settings INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer -Wno-unknown-warning-option)
    target_link_options(attt_settings INTERFACE -fsanitize=address,undefined)
endif()
