# The score's calibration twins (tests/calibration): prototypes 0-40, hardened twins >= 75.
add_test(NAME calibration COMMAND agentlens_tests --test-suite=calibration --no-intro)
