package io.ghlsync;
public class GhlSync { public static void main(String[] a) {} }
