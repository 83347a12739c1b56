package io.github.spatialvlm4j.datagen.source.synthetic;

/**
 * The palette of synthetic objects: twelve colours with the plain English names that captions use.
 * Colours are 8-bit sRGB, {@code 0xRRGGBB}, before shading.
 */
public enum NamedColor {
    RED("red", 0xD03030),
    GREEN("green", 0x30A040),
    BLUE("blue", 0x3050D0),
    YELLOW("yellow", 0xE8D030),
    ORANGE("orange", 0xF08020),
    PURPLE("purple", 0x8040B0),
    WHITE("white", 0xF4F4F4),
    BLACK("black", 0x202020),
    GRAY("gray", 0x808080),
    BROWN("brown", 0x8B5A2B),
    PINK("pink", 0xF090B8),
    CYAN("cyan", 0x30D0D8);

    private final String word;
    private final int rgb;

    NamedColor(String word, int rgb) {
        this.word = word;
        this.rgb = rgb;
    }

    /** The colour word used in captions, lower case (e.g. "red"). */
    public String word() {
        return word;
    }

    /** The unshaded colour, {@code 0xRRGGBB}. */
    public int rgb() {
        return rgb;
    }
}
