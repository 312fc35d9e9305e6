// attt-lab: serves the demo lab (seeds/lab/lab.json) on 127.0.0.1 until SIGTERM or SIGINT.
// Writes DIR/ca.pem (the lab CA, for --ca-file) and DIR/ready once every endpoint listens.
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/lab/lab_config.h"

namespace {

struct Arguments {
    std::string config;
    std::string out;
    std::string bind = "127.0.0.1";
};

bool parse(int argc, char** argv, Arguments& args) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--config") {
            args.config = argv[i + 1];
        } else if (flag == "--out") {
            args.out = argv[i + 1];
        } else if (flag == "--bind") {
            args.bind = argv[i + 1];
        } else {
            return false;
        }
    }
    return argc % 2 == 1 && !args.config.empty() && !args.out.empty();
}

int serve(const Arguments& args) {
    using namespace attt::lab;
    const LabConfig config = load_lab_config(args.config);
    std::filesystem::create_directories(args.out);
    const auto ca = CertificateAuthority::create(config.ca_name);
    std::ofstream(args.out + "/ca.pem") << ca.certificate_pem();

    // Block the stop signals before any thread starts, so only sigwait below receives them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::vector<std::unique_ptr<LoopbackServer>> servers;
    std::string ready;
    for (const auto& e : config.endpoints) {
        const char* kind = e.closed ? "closed" : e.behaviour == Behaviour::Tls ? "tls"
                                             : e.behaviour == Behaviour::Plain ? "plain" : "silent";
        ready += std::to_string(e.port) + " " + e.name + " " + kind + " " + e.defect + "\n";
        if (e.closed) {
            continue;
        }
        ServerSpec spec;
        spec.behaviour = e.behaviour;
        spec.port = e.port;
        spec.bind_address = args.bind;
        spec.min_protocol = e.min_protocol;
        spec.max_protocol = e.max_protocol;
        spec.cipher_list = e.cipher_list;
        if (e.behaviour == Behaviour::Tls) {
            spec.credentials = ca.issue(e.certificate);
        }
        servers.push_back(std::make_unique<LoopbackServer>(spec));
        std::printf("%s:%u  %-40s %-7s %s\n", args.bind.c_str(), e.port, e.name.c_str(), kind, e.defect.c_str());
    }
    std::fflush(stdout);
    std::ofstream(args.out + "/ready") << ready;
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::printf("attt-lab: stopping on signal %d\n", signal_number);
    servers.clear();
    std::filesystem::remove(args.out + "/ready");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Arguments args;
    if (!parse(argc, argv, args)) {
        std::fprintf(stderr, "usage: attt-lab --config LAB.json --out DIR [--bind 127.0.0.1]\n");
        return 1;
    }
    try {
        return serve(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "attt-lab: %s\n", e.what());
        return 1;
    }
}
